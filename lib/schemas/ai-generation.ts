import { z } from "zod";
import { imageProviderSchema } from "./ai";
import { sizeSchema } from "./ai-models";

/** What the generation and usage endpoints take and answer. */
export const generateTextBodySchema = z
  .object({
    prompt: z
      .string({ message: "is required" })
      .trim()
      .min(1, "is required")
      .max(32_000, "must be 32000 characters or less"),
    system: z.string().trim().max(8_000, "must be 8000 characters or less").optional(),
    model: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type GenerateTextBody = z.infer<typeof generateTextBodySchema>;

export const generateImageBodySchema = z
  .object({
    prompt: z
      .string({ message: "is required" })
      .trim()
      .min(1, "is required")
      .max(4_000, "must be 4000 characters or less"),
    provider: imageProviderSchema.optional(),
    model: z.string().trim().min(1).max(100).optional(),
    size: sizeSchema.optional(),
    quality: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type GenerateImageBody = z.infer<typeof generateImageBodySchema>;

export const textGenerationSchema = z.object({
  text: z.string(),
  model: z.string(),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number(), cached_input_tokens: z.number() }),
  cost_usd: z.string(),
});
export type TextGenerationDto = z.infer<typeof textGenerationSchema>;

export const imageGenerationSchema = z.object({
  image_id: z.string(),
  url: z.string(),
  model: z.string(),
  provider: imageProviderSchema,
  size: z.string(),
  mime_type: z.string(),
  cost_usd: z.string(),
});
export type ImageGenerationDto = z.infer<typeof imageGenerationSchema>;

export const usageQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must look like 2026-01")
    .optional(),
});

export const monthlyUsageSchema = z.object({
  month: z.string(),
  calls: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  images: z.number(),
  cost_usd: z.string(),
});
export type MonthlyUsageDto = z.infer<typeof monthlyUsageSchema>;
