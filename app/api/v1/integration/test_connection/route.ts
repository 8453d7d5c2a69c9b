import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { testDraftConnection } from "@/lib/server/services/integrations-doctor";

// POST /api/v1/integration/test_connection/ - run the connection doctor on URL + credentials without saving anything
export const POST = handler(operations.testDraftConnection, async ({ body }) => {
  return testDraftConnection(body);
});
