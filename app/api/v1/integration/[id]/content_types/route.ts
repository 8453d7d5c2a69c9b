import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { listContentTypes } from "@/lib/server/services/integrations-structure";

// GET /api/v1/integration/{id}/content_types/ - every REST-visible content type with WordPress's count
export const GET = handler(operations.listContentTypes, async ({ db, auth, params }) => {
  return listContentTypes(db, auth.accountId, params.id);
});
