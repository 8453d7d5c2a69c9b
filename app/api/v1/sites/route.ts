import { created, handler } from "@/lib/server/api/handler";
import { toPage } from "@/lib/server/api/paginate";
import { paginationQuerySchema } from "@/lib/schemas/common";
import { createSiteBodySchema } from "@/lib/schemas/sites";
import { createSite, listSites, toSiteDto } from "@/lib/server/services/sites";

// GET /api/v1/sites/ - list the account's sites
export const GET = handler({ query: paginationQuerySchema }, async ({ req, db, auth, query }) => {
  const { rows, count } = await listSites(db, auth.accountId, query);
  return toPage(req, query, count, rows.map(toSiteDto));
});

// POST /api/v1/sites/ - add a site
export const POST = handler({ body: createSiteBodySchema, roles: ["owner", "admin"] }, async ({ db, auth, body }) => {
  return created(toSiteDto(await createSite(db, auth.accountId, body)));
});
