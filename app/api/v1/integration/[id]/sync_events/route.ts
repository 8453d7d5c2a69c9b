import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listSyncEvents } from "@/lib/server/services/sync/api";

// GET /api/v1/integration/{id}/sync_events/ - newest first; filters status, direction, event_type, run_id
export const GET = handler(operations.listSyncEvents, async ({ req, db, auth, params, query }) => {
  const { count, results } = await listSyncEvents(db, auth.accountId, params.id, query);
  return toPage(req, query, count, results);
});
