import { z } from "zod";
import { created, handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { imageProviderSchema } from "@/lib/schemas/ai";
import { generateFeaturedImage } from "@/lib/server/services/content-featured-image";

const bodySchema = z.object({ prompt: z.string().trim().max(4_000, "must be 4000 characters or less").optional(), provider: imageProviderSchema.optional() }).strict();

// POST /api/v1/content/{id}/generate_featured_image/ - generate, store and set the featured image
export const POST = handler({ params: idParamsSchema, body: bodySchema, roles: ["owner", "admin"] }, async ({ db, auth, params, body }) =>
  created(await generateFeaturedImage(db, auth.accountId, params.id, body)),
);
