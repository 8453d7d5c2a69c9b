import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { createSite, listSites, toSiteDto } from "@/lib/server/services/sites";

// GET /api/v1/sites/ - list the account's sites
export const GET = handler(operations.listSites, async ({ req, db, auth, query }) => {
  const { rows, count } = await listSites(db, auth.accountId, query);
  return toPage(req, query, count, rows.map(toSiteDto));
});

// POST /api/v1/sites/ - add a site
export const POST = handler(operations.createSite, async ({ db, auth, body }) => {
  return created(toSiteDto(await createSite(db, auth.accountId, body)));
});
