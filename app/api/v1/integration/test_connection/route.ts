import { handler } from "@/lib/server/api/handler";
import { connectionFieldsSchema } from "@/lib/schemas/integrations";
import { testDraftConnection } from "@/lib/server/services/integrations";

// POST /api/v1/integration/test_connection/ - run the connection doctor on URL + credentials without saving anything
export const POST = handler({ body: connectionFieldsSchema, roles: ["owner", "admin"] }, async ({ body }) => {
  return testDraftConnection(body);
});
