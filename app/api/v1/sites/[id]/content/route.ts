import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { createContent, listSiteContent } from "@/lib/server/services/content";

// GET /api/v1/sites/{id}/content/ - the site's content (filters: status, content_type, search)
export const GET = handler(operations.listSiteContent, async ({ req, db, auth, params, query }) => {
  const { count, results } = await listSiteContent(db, auth.accountId, params.id, query);
  return toPage(req, query, count, results);
});

// POST /api/v1/sites/{id}/content/ - write a new item (a draft unless a status is given)
export const POST = handler(operations.createContent, async ({ db, auth, params, body }) => {
  return created(await createContent(db, auth.accountId, params.id, body));
});
