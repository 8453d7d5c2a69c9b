import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getSyncHealth } from "@/lib/server/services/sync/api";

// GET /api/v1/integration/{id}/sync_health/ - synced, failed and pending counts, last successful sync
export const GET = handler(operations.getSyncHealth, async ({ db, auth, params }) =>
  getSyncHealth(db, auth.accountId, params.id),
);
