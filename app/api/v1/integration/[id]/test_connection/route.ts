import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { testIntegrationConnection } from "@/lib/server/services/integrations-doctor";

// POST /api/v1/integration/{id}/test_connection/ - run the connection doctor and record connection_status
export const POST = handler(operations.testIntegrationConnection, async ({ db, auth, params }) => {
  return testIntegrationConnection(db, auth.accountId, params.id);
});
