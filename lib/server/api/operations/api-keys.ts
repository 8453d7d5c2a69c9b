import "server-only";
import { idParamsSchema, paginationQuerySchema } from "@/lib/schemas/common";
import { apiKeySchema, createApiKeyBodySchema, createdApiKeySchema } from "@/lib/schemas/api-keys";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { ex, managers } from "./shared";

const tag = "API keys";
const keyExample = {
  id: ex.keyId,
  name: "Nightly export",
  prefix: "igny8_Xk3p9Q",
  created_at: ex.at,
  last_used_at: null,
};

export const listApiKeys = defineOperation({
  method: "GET",
  path: "/api/v1/api-keys/",
  operationId: "listApiKeys",
  tag,
  summary: "List the account's live API keys",
  description: "Never the key itself: only its first characters (`prefix`).",
  query: paginationQuerySchema,
  responses: { 200: { description: "A page of keys.", schema: pageOf(apiKeySchema) } },
});

export const createApiKey = defineOperation({
  method: "POST",
  path: "/api/v1/api-keys/",
  operationId: "createApiKey",
  tag,
  summary: "Create an API key",
  description: "The answer holds the key this once; only its hash is stored.",
  roles: managers,
  body: createApiKeyBodySchema,
  bodyExample: { name: "Nightly export" },
  responses: {
    201: {
      description: "The new key, with `key` to send as `Authorization: Bearer <key>`.",
      schema: createdApiKeySchema,
      example: { ...keyExample, key: "igny8_Xk3p9Q2m7Vn0bR5tY8wZ1cD4fG6hJ9kL2nP5sU8xA3eE" },
    },
  },
});

export const revokeApiKey = defineOperation({
  method: "DELETE",
  path: "/api/v1/api-keys/{id}/",
  operationId: "revokeApiKey",
  tag,
  summary: "Revoke an API key",
  roles: managers,
  params: idParamsSchema,
  responses: { 204: { description: "Revoked: requests with it answer 401 from now on." } },
});
