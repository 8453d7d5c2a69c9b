import { handler } from "@/lib/server/api/handler";
import { toPage } from "@/lib/server/api/paginate";
import { idParamsSchema, paginationQuerySchema } from "@/lib/schemas/common";
import { listSyncRuns } from "@/lib/server/services/sync/api";

// GET /api/v1/integration/{id}/sync_runs/ - run history, newest first
export const GET = handler({ params: idParamsSchema, query: paginationQuerySchema }, async ({ req, db, auth, params, query }) => {
  const { count, results } = await listSyncRuns(db, auth.accountId, params.id, query);
  return toPage(req, query, count, results);
});
