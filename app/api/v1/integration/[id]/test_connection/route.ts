import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { testIntegrationConnection } from "@/lib/server/services/integrations";

// POST /api/v1/integration/{id}/test_connection/ - run the connection doctor and record connection_status
export const POST = handler({ params: idParamsSchema, roles: ["owner", "admin"] }, async ({ db, auth, params }) => {
  return testIntegrationConnection(db, auth.accountId, params.id);
});
