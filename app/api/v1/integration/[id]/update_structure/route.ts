import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { updateStructure } from "@/lib/server/services/integrations-structure";

// POST /api/v1/integration/{id}/update_structure/ - pull categories, tags and content types (idempotent)
export const POST = handler({ params: idParamsSchema, roles: ["owner", "admin"] }, async ({ db, auth, params }) => {
  return updateStructure(db, auth.accountId, params.id);
});
