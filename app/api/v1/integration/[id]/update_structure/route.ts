import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { updateStructure } from "@/lib/server/services/integrations-structure";

// POST /api/v1/integration/{id}/update_structure/ - pull categories, tags and content types (idempotent)
export const POST = handler(operations.updateStructure, async ({ db, auth, params }) => {
  return updateStructure(db, auth.accountId, params.id);
});
