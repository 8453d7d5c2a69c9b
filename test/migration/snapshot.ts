import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listMappedTerms } from "@/db/queries/taxonomies";
import { images, mediaRefs, siteIntegrations } from "@/db/tables";
import { listSiteContent } from "@/lib/server/services/content";
import { listIntegrationConflicts } from "@/lib/server/services/conflicts";

/** Who the snapshot is of: one account's site with one WordPress integration. */
export type SnapshotScope = { accountId: string; siteId: string; integrationId: string };

/**
 * What a user has on a site, in a shape that does not depend on how it is stored: every content
 * item as the API answers it, every term, every image reference, every conflict and the pull
 * cursor. The migration test takes it with the code before a migration and again after it; the
 * two must be equal. When storage changes, this file changes with it; the shape it returns does not.
 */
export async function takeSnapshot(db: Db, scope: SnapshotScope) {
  const { accountId, siteId, integrationId } = scope;
  const content = [];
  for (let page = 1; ; page++) {
    const { results } = await listSiteContent(db, accountId, siteId, { page, page_size: 100 });
    // `references` is new; the wordpress_* fields it backs are compared.
    content.push(...results.map(({ references: _r, ...item }) => item));
    if (results.length < 100) break;
  }
  content.sort((a, b) => a.id.localeCompare(b.id));
  const conflicts = [];
  for (let page = 1; ; page++) {
    const { results } = await listIntegrationConflicts(db, accountId, integrationId, { page, page_size: 100 });
    conflicts.push(...results);
    if (results.length < 100) break;
  }
  // In the order the base listed them: type, WordPress id (numeric, unmapped last), slug.
  const byId = (id: string | null) => (id === null ? Infinity : Number(id));
  const mapped = await listMappedTerms(db, { accountId, siteId, integrationId });
  mapped.sort(
    (a, b) =>
      a.type.localeCompare(b.type) ||
      byId(a.externalId) - byId(b.externalId) ||
      (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
  const terms = mapped.map((t) => ({
    type: t.type,
    name: t.name,
    slug: t.slug,
    external_id: t.externalId,
    parent_external_id: t.parentExternalId,
  }));
  const imageRows = await db
    .select({ image: images, ref: mediaRefs })
    .from(images)
    .leftJoin(mediaRefs, and(eq(mediaRefs.imageId, images.id), eq(mediaRefs.integrationId, integrationId)))
    .where(eq(images.accountId, accountId))
    .orderBy(asc(images.contentId), asc(images.id));
  const imageRefs = imageRows.map(({ image: i, ref }) => ({
    id: i.id,
    content_id: i.contentId,
    url: i.imageUrl,
    is_featured: i.isFeatured,
    external_id: ref?.externalId ?? null,
    source_url: ref?.url ?? null,
    sha256: i.sha256,
  }));
  const [integration] = await db
    .select({ pullCursor: siteIntegrations.pullCursor })
    .from(siteIntegrations)
    .where(and(eq(siteIntegrations.accountId, accountId), eq(siteIntegrations.id, integrationId)));
  return { content, conflicts, terms, images: imageRefs, cursor: integration.pullCursor };
}

export type Snapshot = Awaited<ReturnType<typeof takeSnapshot>>;
