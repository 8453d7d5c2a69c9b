import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { createApiKey, listApiKeys, toApiKeyDto } from "@/lib/server/services/api-keys";

// GET /api/v1/api-keys/ - the account's live API keys (never the key itself)
export const GET = handler(operations.listApiKeys, async ({ req, db, auth, query }) => {
  const { rows, count } = await listApiKeys(db, auth.accountId, query);
  return toPage(req, query, count, rows.map(toApiKeyDto));
});

// POST /api/v1/api-keys/ - create a key; the response holds it once
export const POST = handler(operations.createApiKey, async ({ db, auth, body }) => {
  return created(await createApiKey(db, auth, body.name));
});
