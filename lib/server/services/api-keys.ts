import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import type { ApiKey } from "@/db/tables";
import * as q from "@/db/queries/api-keys";
import { apiKeySchema, createdApiKeySchema, type ApiKeyDto } from "@/lib/schemas/api-keys";
import type { PaginationQuery } from "@/lib/schemas/common";
import { API_KEY_PREFIX, hashApiKey, type AuthContext } from "../session";
import { offsetOf } from "../api/paginate";
import { notFound } from "../api/errors";

export function toApiKeyDto(row: ApiKey): ApiKeyDto {
  return apiKeySchema.parse({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  });
}

/** Creates a key; the plaintext is returned this once and only its hash is stored. */
export async function createApiKey(db: Db, auth: AuthContext, name: string) {
  const key = API_KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await q.insertApiKey(db, {
    accountId: auth.accountId,
    userId: auth.userId,
    name,
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    keyHash: hashApiKey(key),
  });
  return createdApiKeySchema.parse({ ...toApiKeyDto(row), key });
}

export const listApiKeys = (db: Db, accountId: string, page: PaginationQuery) =>
  q.listApiKeys(db, { accountId, limit: page.page_size, offset: offsetOf(page) });

export async function revokeApiKey(db: Db, accountId: string, id: string) {
  if (!(await q.revokeApiKey(db, { accountId, id }))) throw notFound("API key");
}
