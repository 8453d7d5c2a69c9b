import "server-only";
import {
  aiSettingsSchema,
  keyTestResultSchema,
  testAiKeyBodySchema,
  updateAiSettingsBodySchema,
} from "@/lib/schemas/ai";
import { defineOperation } from "../operation";

const tag = "AI settings";

export const getAiSettings = defineOperation({
  method: "GET",
  path: "/api/v1/settings/ai/",
  operationId: "getAiSettings",
  tag,
  summary: "Provider keys and defaults in force",
  description:
    "Per provider whether a key is in force and whose (the account's or the platform's), never the key; and the default models.",
  responses: { 200: { description: "The AI settings.", schema: aiSettingsSchema } },
});

export const updateAiSettings = defineOperation({
  method: "PUT",
  path: "/api/v1/settings/ai/",
  operationId: "updateAiSettings",
  takesGetAnswer: true,
  tag,
  summary: "Set provider keys and defaults",
  description:
    'Of the account (`scope: "account"`, its owner) or the platform (`"global"`, system admins). Keys are write-only; `""` removes one. ' +
    "Defaults must be active models of the registry.",
  body: updateAiSettingsBodySchema,
  bodyExample: { scope: "account", keys: { openai: "sk-proj-…" }, default_text_model: "gpt-4o-mini" },
  errors: ["forbidden"],
  responses: { 200: { description: "The AI settings as saved.", schema: aiSettingsSchema } },
});

export const testAiKey = defineOperation({
  method: "POST",
  path: "/api/v1/settings/ai/test/",
  operationId: "testAiKey",
  tag,
  summary: "Test a provider key",
  description:
    "A candidate `api_key`, or the key stored at `scope` (the result is recorded), or the key in force for the account.",
  body: testAiKeyBodySchema,
  bodyExample: { provider: "openai", api_key: "sk-proj-…" },
  errors: ["forbidden", "no_api_key", "key_unreadable"],
  responses: {
    200: {
      description: "Whether the provider accepted it; a refused key is `200` with `ok: false`.",
      schema: keyTestResultSchema,
      example: {
        ok: true,
        message: "OpenAI accepted the key.",
        models_available: ["gpt-4o-mini"],
        tested: "candidate",
        tested_at: "2026-01-15T09:30:00.000Z",
      },
    },
  },
});
