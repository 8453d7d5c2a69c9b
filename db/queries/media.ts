import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "../client";
import { content, images, mediaRefs } from "../tables";

type Scope = { accountId: string; integrationId: string };

/**
 * Featured images as the platform serves them (a reference, no bytes), with their id in the
 * integration's media library; replaces earlier pulled references of these items.
 */
export async function replacePulledFeaturedImages(
  db: Executor,
  params: Scope & { items: Array<{ contentId: string; url: string | null; mediaId: string | null }> },
) {
  if (!params.items.length) return;
  await db.delete(images).where(
    and(
      inArray(
        images.contentId,
        params.items.map((i) => i.contentId),
      ),
      eq(images.isFeatured, true),
      isNull(images.sha256),
    ),
  );
  const pulled = params.items.filter((i) => i.url);
  if (!pulled.length) return;
  const rows = await db
    .insert(images)
    .values(
      pulled.map((i) => ({ accountId: params.accountId, contentId: i.contentId, imageUrl: i.url, isFeatured: true })),
    )
    .returning({ id: images.id });
  const refs = pulled
    .map((i, n) => ({ ...params, imageId: rows[n].id, externalId: i.mediaId!, url: i.url }))
    .filter((r) => r.externalId);
  if (refs.length) await db.insert(mediaRefs).values(refs);
}

/** An image of the site already in the integration's media library, by its bytes or its URL. */
export async function findUploadedImage(
  db: Executor,
  params: Scope & { siteId: string; sha256?: string; url?: string },
) {
  const [row] = await db
    .select({ image: images, ref: mediaRefs })
    .from(images)
    .innerJoin(content, eq(content.id, images.contentId))
    .innerJoin(mediaRefs, and(eq(mediaRefs.imageId, images.id), eq(mediaRefs.integrationId, params.integrationId)))
    .where(
      and(
        eq(images.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        params.sha256 ? eq(images.sha256, params.sha256) : undefined,
        params.url ? or(eq(images.imageUrl, params.url), eq(mediaRefs.url, params.url)) : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** Stores an uploaded image with its id in the integration's media library. */
export async function insertUploadedImage(
  db: Executor,
  params: Scope & { values: typeof images.$inferInsert; externalId: string; url: string | null },
) {
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(images).values(params.values).returning({ id: images.id });
    await tx.insert(mediaRefs).values({
      imageId: row.id,
      integrationId: params.integrationId,
      accountId: params.accountId,
      externalId: params.externalId,
      url: params.url,
    });
  });
}
