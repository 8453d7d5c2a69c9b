import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { testCollectionBodySchema } from "@/lib/schemas/integrations";
import { testCollection } from "@/lib/server/services/integrations-structure";

// POST /api/v1/integration/{id}/test_collection_connection/ - can one content type be read, and how many items it has
export const POST = handler({ params: idParamsSchema, body: testCollectionBodySchema }, async ({ db, auth, params, body }) => {
  return testCollection(db, auth.accountId, params.id, body.content_type);
});
