import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getSyncStatus } from "@/lib/server/services/sync/api";

// GET /api/v1/integration/{id}/sync_status/ - idle, syncing or error, with the latest run's progress
export const GET = handler(operations.getSyncStatus, async ({ db, auth, params }) =>
  getSyncStatus(db, auth.accountId, params.id),
);
