import { z } from "zod";
import { aiModelTypes, aiProviders, imageProviders } from "@/lib/ai/types";
import { acceptingReadOnly, strictBody } from "./common";

export const aiProviderSchema = z.enum(aiProviders, { message: `must be one of: ${aiProviders.join(", ")}` });
export const imageProviderSchema = z.enum(imageProviders, { message: `must be one of: ${imageProviders.join(", ")}` });
export const aiModelTypeSchema = z.enum(aiModelTypes, { message: `must be one of: ${aiModelTypes.join(", ")}` });
export const settingsScopeSchema = z.enum(["global", "account"], { message: "must be global or account" });

/** A provider key as pasted: "" removes the stored key. */
const apiKeyInput = z
  .string({ message: "must be a string" })
  .trim()
  .max(500, "must be 500 characters or less")
  .refine(
    (v) => v === "" || (v.length >= 8 && !/\s/.test(v)),
    'must be at least 8 characters without spaces (or "" to remove the key)',
  );

/** A default: a model id to set it, null or "" to clear it (the account then falls back to the platform's). */
const defaultValue = z
  .string({ message: "must be a model id or null" })
  .trim()
  .max(100, "is too long")
  .nullable()
  .transform((v) => (v ? v : null));

export const testAiKeyBodySchema = z
  .object({
    provider: aiProviderSchema,
    api_key: apiKeyInput.refine((v) => v !== "", "must not be empty").optional(),
    /** Test the key stored at this level; without it the key in force for the account is tested. */
    scope: settingsScopeSchema.optional(),
  })
  .strict();
export type TestAiKeyBody = z.infer<typeof testAiKeyBodySchema>;

export const keySourceSchema = z.enum(["account", "global", "none"]);
export type KeySourceDto = z.infer<typeof keySourceSchema>;

const keyStateSchema = z.object({
  has_key: z.boolean(),
  key_last4: z.string().nullable(),
  status: z.enum(["untested", "ok", "failed"]).nullable(),
  last_tested_at: z.string().nullable(),
});
export type KeyStateDto = z.infer<typeof keyStateSchema>;

/** One provider as the settings page sees it: the key in force (top level) and each level's own key. */
export const providerSettingsSchema = keyStateSchema.extend({
  source: keySourceSchema,
  account: keyStateSchema,
  global: keyStateSchema,
});
export type ProviderSettingsDto = z.infer<typeof providerSettingsSchema>;

const resolvedSchema = z.object({ value: z.string().nullable(), source: keySourceSchema });
const levelDefaultsSchema = z.object({
  default_text_model: z.string().nullable(),
  default_image_model: z.string().nullable(),
  default_image_provider: imageProviderSchema.nullable(),
});

export const aiSettingsSchema = z.object({
  providers: z.object({
    openai: providerSettingsSchema,
    anthropic: providerSettingsSchema,
    runware: providerSettingsSchema,
    bria: providerSettingsSchema,
  }),
  /** The defaults in force for the account and where each comes from. */
  defaults: z.object({ text_model: resolvedSchema, image_model: resolvedSchema, image_provider: resolvedSchema }),
  account_defaults: levelDefaultsSchema,
  global_defaults: levelDefaultsSchema,
  permissions: z.object({ edit_account: z.boolean(), edit_global: z.boolean() }),
});
export type AiSettingsDto = z.infer<typeof aiSettingsSchema>;

const defaultFields = {
  default_text_model: defaultValue,
  default_image_model: defaultValue,
  default_image_provider: z.preprocess((v) => (v === "" ? null : v), imageProviderSchema.nullable()),
};
const flatDefaults = Object.keys(defaultFields) as (keyof typeof defaultFields)[];

/**
 * PUT. Keys (write-only; "" removes one) and defaults of the level `scope` names; or, as a GET
 * answer carries them, `account_defaults` and `global_defaults`, where only what differs from the
 * stored value is a change (so a level the caller may not edit can be sent back unchanged). The
 * rest of a GET answer (providers' key facts, the defaults in force, permissions) is read-only.
 */
export const updateAiSettingsBodySchema = acceptingReadOnly(
  strictBody({
    scope: settingsScopeSchema.optional(),
    keys: strictBody({ openai: apiKeyInput, anthropic: apiKeyInput, runware: apiKeyInput, bria: apiKeyInput })
      .partial()
      .optional(),
    ...strictBody(defaultFields).partial().shape,
    account_defaults: strictBody(defaultFields).partial().optional(),
    global_defaults: strictBody(defaultFields).partial().optional(),
  })
    .refine(
      (v) =>
        (v.keys && Object.keys(v.keys).length > 0) ||
        flatDefaults.some((field) => v[field] !== undefined) ||
        !!v.account_defaults ||
        !!v.global_defaults,
      {
        message:
          "send at least one of: keys, default_text_model, default_image_model, default_image_provider, account_defaults, global_defaults",
      },
    )
    .refine((v) => v.scope !== undefined || (!v.keys && flatDefaults.every((field) => v[field] === undefined)), {
      path: ["scope"],
      message: "is required with keys and default_*: global or account",
    }),
  aiSettingsSchema,
);
export type UpdateAiSettingsBody = z.infer<typeof updateAiSettingsBodySchema>;

export const keyTestResultSchema = z.object({
  ok: z.boolean(),
  code: z.string().optional(),
  message: z.string(),
  models_available: z.array(z.string()).optional(),
  retry_after_seconds: z.number().optional(),
  /** Which key was tested: the one in the request, or the one stored at a level. */
  tested: z.enum(["candidate", "account", "global"]),
  tested_at: z.string(),
});
export type KeyTestResultDto = z.infer<typeof keyTestResultSchema>;
