import "server-only";
import type { Db } from "@/db/client";
import type { GenerateImageBody } from "@/lib/schemas/ai-generation";
import { generateImage } from "./ai-generate";
import { getContentDto, getContentOr404, updateContent } from "./content";
import { updateContentBodySchema } from "@/lib/schemas/content";

/**
 * "Generate featured image": an image from the account's default image provider (prompted with
 * the title and excerpt unless a prompt is given), stored with us and set as the item's featured
 * image, so the next push uploads it to WordPress.
 */
export async function generateFeaturedImage(
  db: Db,
  accountId: string,
  contentId: string,
  body: { prompt?: string; provider?: GenerateImageBody["provider"] },
) {
  const item = await getContentOr404(db, accountId, contentId);
  const prompt =
    body.prompt?.trim() ||
    [`Featured image for an article titled "${item.title || "Untitled"}".`, item.excerpt].filter(Boolean).join(" ");
  const image = await generateImage(db, accountId, {
    prompt: prompt.slice(0, 4_000),
    provider: body.provider,
    contentId,
  });
  await updateContent(db, accountId, contentId, updateContentBodySchema.parse({ featured_image_url: image.url }));
  return { image, content: await getContentDto(db, accountId, contentId) };
}
