import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listIntegrationConflicts } from "@/lib/server/services/conflicts";

// GET /api/v1/integration/{id}/conflicts/ - newest first; ?status=open|resolved
export const GET = handler(operations.listIntegrationConflicts, async ({ req, db, auth, params, query }) => {
  const { count, results } = await listIntegrationConflicts(db, auth.accountId, params.id, query);
  return toPage(req, query, count, results);
});
