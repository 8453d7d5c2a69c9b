import { z } from "zod";
import { aiModelTypeSchema, aiProviderSchema } from "./ai";

/** The model registry: listing models, editing their prices, their price history and cost estimates. */

/** `{model}` in a model route. */
export const modelParamsSchema = z.object({ model: z.string().min(1).max(100) });

/** `GET /ai/models/`: filters and paging. */
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

/** One model of the registry with its prices. */
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

/** One price change of a model. */
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
/** An image size like 1024x1024. */
export const sizeSchema = z
  .string()
  .trim()
  .regex(/^\d{2,5}x\d{2,5}$/, "must look like 1024x1024");

/** A cost estimate: tokens for a text model, or size, quality and count for an image model. */
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

/** A cost estimate in USD. */
export const costResultSchema = z.object({
  model: z.string(),
  type: aiModelTypeSchema,
  cost_usd: z.string(),
  currency: z.literal("USD"),
});
