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

// --- Model Registry ---

export const modelParamsSchema = z.object({ model: z.string().min(1).max(100) });

export const listModelsQuerySchema = z.object({
  type: aiModelTypeSchema.optional(),
  provider: aiProviderSchema.optional(),
  include_inactive: z.enum(["true", "false"], { message: "must be true or false" }).optional(),
  page: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  page_size: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1, "must be 1 or more")
    .max(100, "must be 100 or less")
    .default(100),
});

const decimalString = z
  .string({ message: 'must be a decimal string like "0.15"' })
  .trim()
  .regex(/^\d{1,8}(\.\d{1,12})?$/, 'must be a non-negative decimal string like "0.15" (at most 12 decimals)');

const imagePricesSchema = z
  .record(
    z.string().regex(/^(\*|\d+x\d+)$/, "sizes look like 1024x1024 (or * for any)"),
    z
      .record(z.string().min(1).max(40), decimalString)
      .refine((byQuality) => Object.keys(byQuality).length <= 20, "must have 20 qualities or fewer"),
  )
  .refine((bySize) => Object.keys(bySize).length <= 50, "must have 50 sizes or fewer");

/**
 * A price edit. Token rates may be sent per token or per 1M tokens (not both for one rate);
 * `source` says where the new price comes from and is required.
 */
export const updateModelBodySchema = z
  .object({
    input_usd_per_token: decimalString.nullable().optional(),
    output_usd_per_token: decimalString.nullable().optional(),
    cached_input_usd_per_token: decimalString.nullable().optional(),
    input_usd_per_million: decimalString.nullable().optional(),
    output_usd_per_million: decimalString.nullable().optional(),
    cached_input_usd_per_million: decimalString.nullable().optional(),
    image_prices: imagePricesSchema.nullable().optional(),
    is_active: z.boolean({ message: "must be true or false" }).optional(),
    source: z
      .string({ message: "is required: say where the price comes from" })
      .trim()
      .min(1, "is required: say where the price comes from")
      .max(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const rate of ["input", "output", "cached_input"] as const) {
      if (v[`${rate}_usd_per_token`] !== undefined && v[`${rate}_usd_per_million`] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [`${rate}_usd_per_million`],
          message: `send ${rate}_usd_per_token or ${rate}_usd_per_million, not both`,
        });
      }
    }
  });
export type UpdateModelBody = z.infer<typeof updateModelBodySchema>;

export const aiModelSchema = z.object({
  id: z.string(),
  provider: aiProviderSchema,
  type: aiModelTypeSchema,
  display_name: z.string(),
  provider_model_id: z.string(),
  context_window: z.number().nullable(),
  max_output_tokens: z.number().nullable(),
  input_usd_per_token: z.string().nullable(),
  output_usd_per_token: z.string().nullable(),
  cached_input_usd_per_token: z.string().nullable(),
  input_usd_per_million: z.string().nullable(),
  output_usd_per_million: z.string().nullable(),
  cached_input_usd_per_million: z.string().nullable(),
  image_prices: z.record(z.string(), z.record(z.string(), z.string())).nullable(),
  is_active: z.boolean(),
  source: z.string(),
  effective_at: z.string(),
  updated_at: z.string(),
});
export type AiModelDto = z.infer<typeof aiModelSchema>;

export const priceHistorySchema = z.object({
  id: z.number(),
  model: z.string(),
  old: z.object({
    input_usd_per_token: z.string().nullable(),
    output_usd_per_token: z.string().nullable(),
    cached_input_usd_per_token: z.string().nullable(),
    image_prices: z.record(z.string(), z.record(z.string(), z.string())).nullable(),
    source: z.string().nullable(),
  }),
  new: z.object({
    input_usd_per_token: z.string().nullable(),
    output_usd_per_token: z.string().nullable(),
    cached_input_usd_per_token: z.string().nullable(),
    image_prices: z.record(z.string(), z.record(z.string(), z.string())).nullable(),
    source: z.string().nullable(),
  }),
  changed_by: z.string().nullable(),
  changed_at: z.string(),
});
export type PriceHistoryDto = z.infer<typeof priceHistorySchema>;

const tokenCount = z
  .number({ message: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must be 0 or more")
  .max(100_000_000, "is too large");
export const sizeSchema = z
  .string()
  .trim()
  .regex(/^\d{2,5}x\d{2,5}$/, "must look like 1024x1024");

export const costBodySchema = z.union(
  [
    z
      .object({
        model: z.string().trim().min(1, "is required").max(100),
        input_tokens: tokenCount,
        output_tokens: tokenCount,
        cached_input_tokens: tokenCount.optional(),
      })
      .strict(),
    z
      .object({
        model: z.string().trim().min(1, "is required").max(100),
        size: sizeSchema,
        quality: z.string().trim().min(1).max(40).optional(),
        n: z
          .number({ message: "must be a whole number" })
          .int("must be a whole number")
          .min(1, "must be 1 or more")
          .max(100, "must be 100 or less")
          .optional(),
      })
      .strict(),
  ],
  { message: "send {model, input_tokens, output_tokens, cached_input_tokens?} or {model, size, quality?, n?}" },
);
export type CostBody = z.infer<typeof costBodySchema>;

export const costResultSchema = z.object({
  model: z.string(),
  type: aiModelTypeSchema,
  cost_usd: z.string(),
  currency: z.literal("USD"),
});
