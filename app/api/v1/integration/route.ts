import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listIntegrations, toIntegrationDto } from "@/lib/server/services/integrations";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { installWebhooksAfterConnect } from "@/lib/server/services/webhooks/install";

// GET /api/v1/integration/ - the account's integrations (?site_id= filters by site)
export const GET = handler(operations.listIntegrations, async ({ req, db, auth, query }) => {
  const { rows, count } = await listIntegrations(db, auth.accountId, query);
  return toPage(req, query, count, rows.map(toIntegrationDto));
});

// POST /api/v1/integration/ - test the connection, store the integration and the site's credentials,
// then configure the site's IGNY8 plugin for live updates when it is there
export const POST = handler(operations.createIntegration, async ({ db, auth, body }) => {
  const row = await connectSite(db, auth.accountId, body);
  await installWebhooksAfterConnect(db, row.integration, row.site);
  return created(toIntegrationDto(row));
});
