import { z } from "zod";
import { uuidSchema } from "./common";
import { imageProviderSchema } from "./ai";
import { imageGenerationSchema } from "./ai-generation";
import { contentSchema } from "./content";

/** Actions on content beyond editing one item: bulk approve/delete, and generating a featured image. */

/** `POST /content/bulk/`: approve or delete up to 100 items. */
export const bulkContentBodySchema = z.object({
  action: z.enum(["approve", "delete"], { message: "must be one of: approve, delete" }),
  ids: z
    .array(uuidSchema, { message: "must be a list of content ids" })
    .min(1, "must name at least one item")
    .max(100, "must be 100 items or fewer"),
});
export type BulkContentBody = z.infer<typeof bulkContentBodySchema>;

/** `POST /content/bulk/`: what was done, not found or skipped. */
export const bulkContentResultSchema = z.object({
  action: z.enum(["approve", "delete"]),
  /** Ids acted on; ids not found in the account are listed under not_found. */
  done: z.array(z.string()),
  not_found: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type BulkContentResult = z.infer<typeof bulkContentResultSchema>;

/** `POST /content/{id}/generate_featured_image/`: the stored image and the item that now shows it. */
export const featuredImageResultSchema = z.object({ image: imageGenerationSchema, content: contentSchema });
export type FeaturedImageResult = z.infer<typeof featuredImageResultSchema>;

/** `POST /content/{id}/generate_featured_image/`: without a prompt the item's title and excerpt describe the image. */
export const generateFeaturedImageBodySchema = z
  .object({
    prompt: z.string().trim().max(4_000, "must be 4000 characters or less").optional(),
    provider: imageProviderSchema.optional(),
  })
  .strict();
