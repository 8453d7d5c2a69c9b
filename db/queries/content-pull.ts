import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { executeRows } from "./raw";
import { content, contentRefs, contentTaxonomyLinks, images, mediaRefs, type Content } from "../tables";

/** One pulled item that is new here, with its term links and featured image. */
export type PulledItem = import("@/lib/schemas/seo").SeoValues & {
  externalId: string;
  contentType: Content["contentType"];
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: Content["status"];
  featuredImageUrl: string | null;
  featuredMediaId: string | null;
  url: string | null;
  remoteStatus: string;
  version: string | null;
  contentHash: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  categories: string[];
  tags: string[];
  taxonomyIds: string[];
};

/**
 * Inserts a page of new pulled items in one statement: the references first (an id another writer
 * inserted meanwhile is skipped: unique integration + external id, and not returned), then the
 * rows (their base snapshot built from the same fields), their term links, featured image
 * references and a "created" sync event each. Foreign keys are checked at the statement's end, so
 * a reference may name its row before the row is written. Bulk imports spend their time here,
 * hence one round trip per page.
 */
export async function insertPulledItems(
  db: Executor,
  params: {
    accountId: string;
    siteId: string;
    integrationId: string;
    runId: string | null;
    eventType: "content_pull" | "webhook";
    items: PulledItem[];
  },
): Promise<Array<{ id: string; externalId: string }>> {
  if (!params.items.length) return [];
  return executeRows<{ id: string; externalId: string }>(
    db,
    sql`
    with item as (
      select gen_random_uuid() as new_id, * from jsonb_to_recordset(${JSON.stringify(params.items)}::jsonb) as r(
        "externalId" text, "contentType" content_type, title text, content text, excerpt text, slug text,
        status content_status, "featuredImageUrl" text, "featuredMediaId" text, url text, "remoteStatus" text,
        version text, "contentHash" text, "publishedAt" timestamptz, "scheduledAt" timestamptz, categories jsonb,
        tags jsonb, "taxonomyIds" uuid[], seo_title text, seo_description text, focus_keyword text,
        canonical_url text)),
    referenced as (
      insert into ${contentRefs} (content_id, integration_id, account_id, external_id, url, remote_status, version,
        base_hash, base_version, base_snapshot, sync_state, last_synced_at)
      select i.new_id, ${params.integrationId}, ${params.accountId}, i."externalId", i.url, i."remoteStatus",
        i.version, i."contentHash", i.version,
        jsonb_build_object('title', i.title, 'excerpt', i.excerpt, 'slug', i.slug, 'content', i.content,
          'categories', i.categories, 'tags', i.tags, 'featured_image_url', i."featuredImageUrl"),
        'synced', now()
      from item i
      on conflict (integration_id, external_id) do nothing
      returning content_id),
    inserted as (
      insert into ${content} (id, account_id, site_id, content_type, title, content, excerpt, slug, status,
        featured_image_url, content_hash, sync_state, last_synced_at, published_at, scheduled_at, seo_title,
        seo_description, focus_keyword, canonical_url)
      select i.new_id, ${params.accountId}, ${params.siteId}, i."contentType", i.title, i.content, i.excerpt, i.slug,
        i.status, i."featuredImageUrl", i."contentHash", 'synced', now(), i."publishedAt", i."scheduledAt",
        i.seo_title, i.seo_description, i.focus_keyword, i.canonical_url
      from item i join referenced r on r.content_id = i.new_id
      returning id),
    linked as (
      insert into ${contentTaxonomyLinks} (content_id, taxonomy_id)
      select i.new_id, t.taxonomy_id from item i join referenced r on r.content_id = i.new_id,
        unnest(i."taxonomyIds") as t(taxonomy_id)
      on conflict do nothing),
    featured as (
      insert into ${images} (account_id, content_id, image_url, is_featured)
      select ${params.accountId}, i.new_id, i."featuredImageUrl", true
      from item i join referenced r on r.content_id = i.new_id where i."featuredImageUrl" is not null
      returning id, content_id),
    featured_ref as (
      insert into ${mediaRefs} (image_id, integration_id, account_id, external_id, url)
      select f.id, ${params.integrationId}, ${params.accountId}, i."featuredMediaId", i."featuredImageUrl"
      from featured f join item i on i.new_id = f.content_id where i."featuredMediaId" is not null),
    logged as (
      insert into sync_events (account_id, integration_id, run_id, event_type, direction, content_type, content_id,
        external_id, status, metadata)
      select ${params.accountId}, ${params.integrationId}, ${params.runId}::uuid,
        ${params.eventType}::sync_event_type, 'wp_to_igny8', i."contentType"::text, i.new_id, i."externalId",
        'success', jsonb_build_object('action', 'created', 'modified_gmt', i.version)
      from item i join referenced r on r.content_id = i.new_id)
    select i.new_id as id, i."externalId" as "externalId" from item i join referenced r on r.content_id = i.new_id`,
  );
}
