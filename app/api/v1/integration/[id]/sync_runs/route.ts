import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listSyncRuns } from "@/lib/server/services/sync/api";

// GET /api/v1/integration/{id}/sync_runs/ - run history, newest first
export const GET = handler(operations.listSyncRuns, async ({ req, db, auth, params, query }) => {
  const { count, results } = await listSyncRuns(db, auth.accountId, params.id, query);
  return toPage(req, query, count, results);
});
