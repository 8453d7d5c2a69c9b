import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { retrySyncEvent } from "@/lib/server/services/sync/publish-now";

// POST /api/v1/integration/{id}/sync_events/{event_id}/retry/ - push the failed item again, now
export const POST = handler(operations.retrySyncEvent, async ({ db, auth, params }) =>
  retrySyncEvent(db, auth.accountId, params.id, params.event_id),
);
