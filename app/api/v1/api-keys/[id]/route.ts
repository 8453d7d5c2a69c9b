import { handler, noContent } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { revokeApiKey } from "@/lib/server/services/api-keys";

// DELETE /api/v1/api-keys/{id}/ - revoke a key
export const DELETE = handler(operations.revokeApiKey, async ({ db, auth, params }) => {
  await revokeApiKey(db, auth.accountId, params.id);
  return noContent();
});
