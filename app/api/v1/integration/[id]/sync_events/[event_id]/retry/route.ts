import { handler } from "@/lib/server/api/handler";
import { eventParamsSchema } from "@/lib/schemas/sync";
import { retrySyncEvent } from "@/lib/server/services/sync/publish-now";

// POST /api/v1/integration/{id}/sync_events/{event_id}/retry/ - push the failed item again, now
export const POST = handler({ params: eventParamsSchema }, async ({ db, auth, params }) =>
  retrySyncEvent(db, auth.accountId, params.id, params.event_id),
);
