import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { generateFeaturedImage } from "@/lib/server/services/content-featured-image";

// POST /api/v1/content/{id}/generate_featured_image/ - generate, store and set the featured image
export const POST = handler(operations.generateFeaturedImage, async ({ db, auth, params, body }) =>
  created(await generateFeaturedImage(db, auth.accountId, params.id, body)),
);
