import { handler, noContent } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getIntegrationOr404, toIntegrationDto } from "@/lib/server/services/integrations";
import { deleteIntegration, updateIntegration } from "@/lib/server/services/integrations-connect";

// GET /api/v1/integration/{id}/ - one integration
export const GET = handler(operations.getIntegration, async ({ db, auth, params }) => {
  return toIntegrationDto(await getIntegrationOr404(db, auth.accountId, params.id));
});

// PUT /api/v1/integration/{id}/ - replace the editable fields; a changed URL or credentials are re-tested first
export const PUT = handler(operations.replaceIntegration, async ({ db, auth, params, body }) =>
  toIntegrationDto(await updateIntegration(db, auth.accountId, params.id, body)),
);

// PATCH /api/v1/integration/{id}/ - change some fields (rotate the Application Password); re-tests when the connection changes
export const PATCH = handler(operations.updateIntegration, async ({ db, auth, params, body }) =>
  toIntegrationDto(await updateIntegration(db, auth.accountId, params.id, body)),
);

// DELETE /api/v1/integration/{id}/ - remove the integration and the site's stored WordPress credentials
export const DELETE = handler(operations.deleteIntegration, async ({ db, auth, params }) => {
  await deleteIntegration(db, auth.accountId, params.id);
  return noContent();
});
