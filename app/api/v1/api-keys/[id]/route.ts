import { handler, noContent } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { revokeApiKey } from "@/lib/server/services/api-keys";

// DELETE /api/v1/api-keys/{id}/ - revoke a key
export const DELETE = handler({ params: idParamsSchema, roles: ["owner", "admin"] }, async ({ db, auth, params }) => {
  await revokeApiKey(db, auth.accountId, params.id);
  return noContent();
});
