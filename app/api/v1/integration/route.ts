import { created, handler } from "@/lib/server/api/handler";
import { toPage } from "@/lib/server/api/paginate";
import { createIntegrationBodySchema, listIntegrationsQuerySchema } from "@/lib/schemas/integrations";
import { connectSite, listIntegrations, toIntegrationDto } from "@/lib/server/services/integrations";

// GET /api/v1/integration/ - the account's integrations (?site_id= filters by site)
export const GET = handler({ query: listIntegrationsQuerySchema }, async ({ req, db, auth, query }) => {
  const { rows, count } = await listIntegrations(db, auth.accountId, query);
  return toPage(req, query, count, rows.map(toIntegrationDto));
});

// POST /api/v1/integration/ - test the connection, then store the integration and the site's credentials
export const POST = handler({ body: createIntegrationBodySchema, roles: ["owner", "admin"] }, async ({ db, auth, body }) => {
  return created(toIntegrationDto(await connectSite(db, auth.accountId, body)));
});
