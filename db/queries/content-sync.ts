import { and, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { executeRows } from "./raw";
import {
  content,
  contentTaxonomies,
  contentTaxonomyLinks,
  images,
  type Content,
  type ContentTaxonomy,
  type NewContent,
} from "../tables";

type Scope = { accountId: string; siteId: string };

type SyncColumn = "id" | "wordpressId" | "modifiedGmt" | "wordpressStatus" | "contentHash" | "baseHash" | "syncState";
type WordpressIdRow = Pick<Content, SyncColumn | "seoTitle" | "seoDescription" | "focusKeyword" | "canonicalUrl">;

/**
 * Our rows for these WordPress ids of a site (the pull's "what do we have" lookup): one probe of
 * the unique (site, WordPress id) index per id, whatever the planner believes of the table. A
 * first pull fills a table whose statistics say it is empty; a plan made then (scan the site's
 * rows, hash them) would be kept for the whole pull and cost a site-wide scan per page. The
 * `limit 1` keeps the lookup a per-id probe.
 */
export async function getContentByWordpressIds(
  db: Executor,
  params: Scope & { wordpressIds: number[] },
): Promise<WordpressIdRow[]> {
  if (!params.wordpressIds.length) return [];
  return executeRows<WordpressIdRow>(
    db,
    sql`
    select c.* from unnest(${`{${params.wordpressIds.join(",")}}`}::int[]) as w(id)
    cross join lateral (
      select r.id, r.wordpress_id as "wordpressId", r.modified_gmt as "modifiedGmt", r.wordpress_status as "wordpressStatus",
        r.content_hash as "contentHash", r.base_hash as "baseHash", r.sync_state as "syncState",
        r.seo_title as "seoTitle", r.seo_description as "seoDescription", r.focus_keyword as "focusKeyword",
        r.canonical_url as "canonicalUrl"
      from ${content} r where r.site_id = ${params.siteId} and r.wordpress_id = w.id and r.account_id = ${params.accountId} limit 1
    ) c`,
  );
}

export async function updateSyncedContent(
  db: Executor,
  params: { accountId: string; id: string },
  values: Partial<NewContent>,
) {
  const [row] = await db
    .update(content)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)))
    .returning();
  return row as Content | undefined;
}

export async function setSyncState(
  db: Executor,
  params: { accountId: string; ids: string[] },
  values: Partial<NewContent>,
) {
  if (!params.ids.length) return;
  await db
    .update(content)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(content.accountId, params.accountId), inArray(content.id, params.ids)));
}

/** Replaces every term link of these items. */
export async function replaceContentTerms(db: Executor, links: Array<{ contentId: string; taxonomyIds: string[] }>) {
  if (!links.length) return;
  await db.delete(contentTaxonomyLinks).where(
    inArray(
      contentTaxonomyLinks.contentId,
      links.map((l) => l.contentId),
    ),
  );
  const rows = links.flatMap((l) =>
    [...new Set(l.taxonomyIds)].map((taxonomyId) => ({ contentId: l.contentId, taxonomyId })),
  );
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(contentTaxonomyLinks)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
}

/** Featured images as WordPress serves them (a reference, no bytes); replaces earlier references. */
export async function replacePulledFeaturedImages(
  db: Executor,
  params: { accountId: string; items: Array<{ contentId: string; url: string | null; mediaId: number | null }> },
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
  const rows = params.items
    .filter((i) => i.url)
    .map((i) => ({
      accountId: params.accountId,
      contentId: i.contentId,
      imageUrl: i.url,
      isFeatured: true,
      wordpressMediaId: i.mediaId,
      wordpressSourceUrl: i.url,
    }));
  if (rows.length) await db.insert(images).values(rows);
}

export async function listSiteTaxonomies(db: Executor, params: Scope): Promise<ContentTaxonomy[]> {
  return db
    .select()
    .from(contentTaxonomies)
    .where(and(eq(contentTaxonomies.accountId, params.accountId), eq(contentTaxonomies.siteId, params.siteId)));
}

export async function setTaxonomyWordpressId(db: Executor, params: { id: string; wordpressId: number }) {
  await db
    .update(contentTaxonomies)
    .set({ wordpressId: params.wordpressId, updatedAt: new Date() })
    .where(eq(contentTaxonomies.id, params.id));
}

/** WordPress ids we hold for one content type of a site, not yet marked gone. */
export async function listLiveWordpressIds(db: Executor, params: Scope & { contentType: Content["contentType"] }) {
  return db
    .select({ id: content.id, wordpressId: content.wordpressId, syncState: content.syncState })
    .from(content)
    .where(
      and(
        eq(content.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        eq(content.contentType, params.contentType),
        isNotNull(content.wordpressId),
        sql`${content.syncState} not in ('remote_trashed', 'remote_deleted')`,
      ),
    );
}

/** Items to push: the given ids, or the site's approved items not yet in sync. */
export async function listContentToPush(db: Executor, params: Scope & { ids?: string[] }): Promise<Content[]> {
  const base = and(eq(content.accountId, params.accountId), eq(content.siteId, params.siteId));
  if (params.ids) {
    if (!params.ids.length) return [];
    return db
      .select()
      .from(content)
      .where(and(base, inArray(content.id, params.ids)))
      .orderBy(content.createdAt, content.id);
  }
  return db
    .select()
    .from(content)
    .where(
      and(
        base,
        or(
          and(
            inArray(content.status, ["approved", "scheduled"]),
            inArray(content.syncState, ["local", "pending", "failed"]),
          ),
          and(eq(content.status, "published"), inArray(content.syncState, ["pending", "failed"])),
        ),
      ),
    )
    .orderBy(content.createdAt, content.id);
}

/** Term rows linked to each item. */
export async function listTermsOf(db: Executor, params: { accountId: string; contentIds: string[] }) {
  const out = new Map<string, ContentTaxonomy[]>();
  if (!params.contentIds.length) return out;
  const rows = await db
    .select({ contentId: contentTaxonomyLinks.contentId, term: contentTaxonomies })
    .from(contentTaxonomyLinks)
    .innerJoin(contentTaxonomies, eq(contentTaxonomies.id, contentTaxonomyLinks.taxonomyId))
    .where(
      and(
        eq(contentTaxonomies.accountId, params.accountId),
        inArray(contentTaxonomyLinks.contentId, params.contentIds),
      ),
    );
  for (const row of rows) out.set(row.contentId, [...(out.get(row.contentId) ?? []), row.term]);
  return out;
}

/** An uploaded image of the site with these bytes (re-used instead of uploading again). */
export async function findUploadedImage(db: Executor, params: Scope & { sha256?: string; url?: string }) {
  const [row] = await db
    .select({ image: images })
    .from(images)
    .innerJoin(content, eq(content.id, images.contentId))
    .where(
      and(
        eq(images.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        isNotNull(images.wordpressMediaId),
        params.sha256 ? eq(images.sha256, params.sha256) : undefined,
        params.url ? or(eq(images.imageUrl, params.url), eq(images.wordpressSourceUrl, params.url)) : undefined,
      ),
    )
    .limit(1);
  return row?.image;
}

export async function insertImage(db: Executor, values: typeof images.$inferInsert) {
  const [row] = await db.insert(images).values(values).returning();
  return row;
}

/** One pulled item that is new here, with its term links and featured image. */
export type PulledItem = import("@/lib/schemas/seo").SeoValues & {
  wordpressId: number;
  contentType: Content["contentType"];
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: Content["status"];
  featuredImageUrl: string | null;
  featuredMediaId: number | null;
  wordpressUrl: string | null;
  wordpressStatus: string;
  modifiedGmt: string | null;
  contentHash: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  categories: string[];
  tags: string[];
  taxonomyIds: string[];
};

/**
 * Inserts a page of new pulled items in one statement: the rows (their base snapshot built from
 * the same fields), their term links, featured image references and a "created" sync event each.
 * An id another writer inserted meanwhile is skipped (unique site + WordPress id) and not returned.
 * Bulk imports of thousands of items spend their time here, hence one round trip per page.
 */
export async function insertPulledItems(
  db: Executor,
  params: Scope & {
    integrationId: string;
    runId: string | null;
    eventType: "content_pull" | "webhook";
    items: PulledItem[];
  },
): Promise<Array<{ id: string; wordpressId: number }>> {
  if (!params.items.length) return [];
  return executeRows<{ id: string; wordpressId: number }>(
    db,
    sql`
    with item as (
      select * from jsonb_to_recordset(${JSON.stringify(params.items)}::jsonb) as r(
        "wordpressId" int, "contentType" content_type, title text, content text, excerpt text, slug text, status content_status,
        "featuredImageUrl" text, "featuredMediaId" int, "wordpressUrl" text, "wordpressStatus" text, "modifiedGmt" text,
        "contentHash" text, "publishedAt" timestamptz, "scheduledAt" timestamptz, categories jsonb, tags jsonb,
        "taxonomyIds" uuid[], seo_title text, seo_description text, focus_keyword text, canonical_url text)),
    inserted as (
      insert into ${content} (account_id, site_id, content_type, title, content, excerpt, slug, status, featured_image_url, wordpress_id,
        wordpress_url, wordpress_status, modified_gmt, content_hash, base_hash, base_modified_gmt, base_snapshot, sync_state, last_synced_at,
        published_at, scheduled_at, seo_title, seo_description, focus_keyword, canonical_url)
      select ${params.accountId}, ${params.siteId}, i."contentType", i.title, i.content, i.excerpt, i.slug, i.status, i."featuredImageUrl",
        i."wordpressId", i."wordpressUrl", i."wordpressStatus", i."modifiedGmt", i."contentHash", i."contentHash", i."modifiedGmt",
        jsonb_build_object('title', i.title, 'excerpt', i.excerpt, 'slug', i.slug, 'content', i.content, 'categories', i.categories,
          'tags', i.tags, 'featured_image_url', i."featuredImageUrl"),
        'synced', now(), i."publishedAt", i."scheduledAt",
        i.seo_title, i.seo_description, i.focus_keyword, i.canonical_url
      from item i
      on conflict (site_id, wordpress_id) do nothing
      returning id, wordpress_id),
    linked as (
      insert into ${contentTaxonomyLinks} (content_id, taxonomy_id)
      select n.id, t.taxonomy_id from inserted n join item i on i."wordpressId" = n.wordpress_id, unnest(i."taxonomyIds") as t(taxonomy_id)
      on conflict do nothing),
    featured as (
      insert into ${images} (account_id, content_id, image_url, is_featured, wordpress_media_id, wordpress_source_url)
      select ${params.accountId}, n.id, i."featuredImageUrl", true, i."featuredMediaId", i."featuredImageUrl"
      from inserted n join item i on i."wordpressId" = n.wordpress_id where i."featuredImageUrl" is not null),
    logged as (
      insert into sync_events (account_id, integration_id, run_id, event_type, direction, content_type, content_id, external_id, status, metadata)
      select ${params.accountId}, ${params.integrationId}, ${params.runId}::uuid, ${params.eventType}::sync_event_type, 'wp_to_igny8', i."contentType"::text, n.id,
        n.wordpress_id, 'success', jsonb_build_object('action', 'created', 'modified_gmt', i."modifiedGmt")
      from inserted n join item i on i."wordpressId" = n.wordpress_id)
    select id, wordpress_id as "wordpressId" from inserted`,
  );
}

/** What a successful push records of one item. */
export type PushedItem = {
  id: string;
  wordpressId: number;
  wordpressUrl: string | null;
  wordpressStatus: string;
  modifiedGmt: string | null;
  hash: string;
  baseSnapshot: Record<string, unknown>;
};

/**
 * Marks pushed items as in sync with what WordPress answered, in one statement: WordPress's id,
 * link, status and modified time; the pushed fields as the new base; published or scheduled
 * when WordPress says so (the first publication time is kept).
 */
export async function markPushed(db: Executor, params: { accountId: string; items: PushedItem[] }) {
  if (!params.items.length) return;
  await db.execute(sql`
    update ${content} c set
      wordpress_id = r."wordpressId", wordpress_url = r."wordpressUrl", wordpress_status = r."wordpressStatus",
      modified_gmt = r."modifiedGmt", content_hash = r.hash, base_hash = r.hash, base_modified_gmt = r."modifiedGmt",
      base_snapshot = r."baseSnapshot", sync_state = 'synced', last_synced_at = now(), updated_at = now(),
      status = case r."wordpressStatus" when 'publish' then 'published'::content_status when 'future' then 'scheduled'::content_status else c.status end,
      published_at = case when r."wordpressStatus" = 'publish' then coalesce(c.published_at, now()) else c.published_at end
    from jsonb_to_recordset(${JSON.stringify(params.items)}::jsonb) as r(
      id uuid, "wordpressId" int, "wordpressUrl" text, "wordpressStatus" text, "modifiedGmt" text, hash text, "baseSnapshot" jsonb)
    where c.id = r.id and c.account_id = ${params.accountId}`);
}
