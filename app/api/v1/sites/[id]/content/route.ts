import { created, handler } from "@/lib/server/api/handler";
import { toPage } from "@/lib/server/api/paginate";
import { idParamsSchema } from "@/lib/schemas/common";
import { createContentBodySchema, listContentQuerySchema } from "@/lib/schemas/content";
import { createContent, listSiteContent } from "@/lib/server/services/content";

// GET /api/v1/sites/{id}/content/ - the site's content (filters: status, content_type, search)
export const GET = handler({ params: idParamsSchema, query: listContentQuerySchema }, async ({ req, db, auth, params, query }) => {
  const { count, results } = await listSiteContent(db, auth.accountId, params.id, query);
  return toPage(req, query, count, results);
});

// POST /api/v1/sites/{id}/content/ - write a new item (a draft unless a status is given)
export const POST = handler({ params: idParamsSchema, body: createContentBodySchema }, async ({ db, auth, params, body }) => {
  return created(await createContent(db, auth.accountId, params.id, body));
});
