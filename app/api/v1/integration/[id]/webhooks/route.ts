import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getIntegrationOr404 } from "@/lib/server/services/integrations";
import { toApiError } from "@/lib/server/services/integrations-structure";
import { getPluginState, installWebhooks, webhookUrlFor } from "@/lib/server/services/webhooks/install";

// GET /api/v1/integration/{id}/webhooks/ - is the IGNY8 plugin installed, active and sending here?
export const GET = handler(operations.getWebhooks, async ({ db, auth, params }) => {
  const { integration, site } = await getIntegrationOr404(db, auth.accountId, params.id);
  try {
    return { webhook_url: webhookUrlFor(integration), plugin: await getPluginState(db, integration, site) };
  } catch (error) {
    throw toApiError(error);
  }
});

// POST /api/v1/integration/{id}/webhooks/ - install webhooks: hand the plugin our URL and a fresh secret
export const POST = handler(operations.installWebhooks, async ({ db, auth, params }) => {
  const { integration, site } = await getIntegrationOr404(db, auth.accountId, params.id);
  try {
    return { webhook_url: webhookUrlFor(integration), plugin: await installWebhooks(db, integration, site) };
  } catch (error) {
    throw toApiError(error);
  }
});
