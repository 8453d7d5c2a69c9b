import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { testCollection } from "@/lib/server/services/integrations-structure";

// POST /api/v1/integration/{id}/test_collection_connection/ - can one content type be read, and how many items it has
export const POST = handler(operations.testCollection, async ({ db, auth, params, body }) => {
  return testCollection(db, auth.accountId, params.id, body.content_type);
});
