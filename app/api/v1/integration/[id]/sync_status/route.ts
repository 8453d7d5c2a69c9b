import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { getSyncStatus } from "@/lib/server/services/sync/api";

// GET /api/v1/integration/{id}/sync_status/ - idle, syncing or error, with the latest run's progress
export const GET = handler({ params: idParamsSchema }, async ({ db, auth, params }) => getSyncStatus(db, auth.accountId, params.id));
