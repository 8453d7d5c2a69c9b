import "server-only";
import { onContentReviewed } from "./publishing-tick";
import type { Db } from "@/db/client";
import type { Content, NewContent, SyncEvent } from "@/db/tables";
import * as q from "@/db/queries/content";
import { listRefsOf } from "@/db/queries/content-refs";
import type { ContentRef } from "@/db/tables";
import { wordpressIdOf } from "@/lib/schemas/content-refs";
import {
  contentSchema,
  PUBLISHED_BY_WORDPRESS,
  slugify,
  TERM_NEEDS_LETTER,
  type ContentDto,
  type ContentReferenceDto,
  type ContentSyncEventDto,
  type CreateContentBody,
  type ListContentQuery,
  type UpdateContentBody,
} from "@/lib/schemas/content";
import { ApiError, notFound } from "../api/errors";
import { offsetOf } from "../api/paginate";
import { getSiteOr404 } from "./sites";
import { seoColumnsOf, seoOf } from "./content-seo";
import { rehash } from "./content-rehash";

type Terms = { categories: string[]; tags: string[] };

export function toSyncEventSummary(event: SyncEvent): ContentSyncEventDto {
  const fix = event.metadata?.fix;
  return {
    id: event.id,
    event_type: event.eventType,
    direction: event.direction,
    status: event.status,
    error_code: event.errorCode,
    error_message: event.errorMessage,
    fix: typeof fix === "string" ? fix : null,
    created_at: event.createdAt.toISOString(),
  };
}

type Ref = ContentRef & { platform: string };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toReferenceDto = (ref: Ref): ContentReferenceDto => ({
  integration_id: ref.integrationId,
  platform: ref.platform,
  external_id: ref.externalId,
  url: ref.url,
  remote_status: ref.remoteStatus,
  sync_state: ref.syncState,
  last_synced_at: iso(ref.lastSyncedAt),
});

/** The API shape of a content item with its term names, references and latest sync event. */
export function toContentDto(
  row: Content,
  terms: Terms | undefined,
  lastEvent: SyncEvent | undefined,
  refs: Ref[] = [],
): ContentDto {
  // The module doc's wordpress_* fields: the item's WordPress reference (its oldest, with several).
  const wordpress = refs.find((r) => r.platform === "wordpress");
  return contentSchema.parse({
    id: row.id,
    site_id: row.siteId,
    title: row.title,
    content: row.content,
    excerpt: row.excerpt,
    slug: row.slug,
    content_type: row.contentType,
    status: row.status,
    categories: terms?.categories ?? [],
    tags: terms?.tags ?? [],
    featured_image_url: row.featuredImageUrl,
    scheduled_at: iso(row.scheduledAt),
    ...seoOf(row),
    approved_at: iso(row.approvedAt),
    is_auto_approved: row.isAutoApproved,
    published_at: iso(row.publishedAt),
    wordpress_id: wordpressIdOf("wordpress", wordpress?.externalId),
    wordpress_url: wordpress?.url ?? null,
    wordpress_status: wordpress?.remoteStatus ?? null,
    sync_state: row.syncState,
    last_synced_at: iso(row.lastSyncedAt),
    references: refs.map(toReferenceDto),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_sync_event: lastEvent ? toSyncEventSummary(lastEvent) : null,
  });
}

/** DTOs for rows of one account, with terms and latest events loaded in two queries. */
export async function toContentDtos(db: Db, accountId: string, rows: Content[]): Promise<ContentDto[]> {
  const contentIds = rows.map((r) => r.id);
  const [terms, events, refs] = await Promise.all([
    q.listTermNames(db, { accountId, contentIds }),
    q.latestSyncEvents(db, { accountId, contentIds }),
    listRefsOf(db, { accountId, contentIds }),
  ]);
  return rows.map((row) => toContentDto(row, terms.get(row.id), events.get(row.id), refs.get(row.id)));
}

export async function listSiteContent(db: Db, accountId: string, siteId: string, query: ListContentQuery) {
  await getSiteOr404(db, accountId, siteId);
  const { rows, count } = await q.listContent(db, {
    accountId,
    siteId,
    status: query.status,
    contentType: query.content_type,
    search: query.search || undefined,
    limit: query.page_size,
    offset: offsetOf(query),
  });
  return { count, results: await toContentDtos(db, accountId, rows) };
}

/** The account's content item, or undefined (a page answers its own 404). */
export function findContent(db: Db, accountId: string, id: string): Promise<Content | undefined> {
  return q.getContent(db, { accountId, id });
}

export async function getContentOr404(db: Db, accountId: string, id: string) {
  const row = await q.getContent(db, { accountId, id });
  if (!row) throw notFound("Content");
  return row;
}

export async function getContentDto(db: Db, accountId: string, id: string) {
  const [dto] = await toContentDtos(db, accountId, [await getContentOr404(db, accountId, id)]);
  return dto;
}

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

function fieldError(field: string, message: string) {
  return new ApiError("validation_error", `${field}: ${message}`, { details: [{ field, message }] });
}

/**
 * Links the item to its terms by name. Names it already has keep their terms (a term pulled from
 * WordPress stays that term, whatever its slug); other names are found by slug or created
 * locally, so they need a letter or digit. The names it has, sent back, change nothing.
 */
async function setTerms(db: Db, row: Content, terms: Partial<Terms>) {
  for (const [type, field, names] of [
    ["category", "categories", terms.categories],
    ["tag", "tags", terms.tags],
  ] as const) {
    if (!names) continue;
    const linked = await q.listTermLinks(db, { accountId: row.accountId, contentId: row.id, type });
    const sorted = (list: string[]) => [...list].sort().join("\n");
    if (sorted(names) === sorted(linked.map((t) => t.name))) continue;
    const kept = linked.filter((t) => names.includes(t.name)).map((t) => t.id);
    const fresh = names.filter((name) => !linked.some((t) => t.name === name));
    if (fresh.some((name) => slugify(name) === "")) throw fieldError(field, TERM_NEEDS_LETTER);
    const unique = new Map(fresh.map((name) => [slugify(name), name.trim()]));
    const created = await q.ensureTerms(db, {
      accountId: row.accountId,
      siteId: row.siteId,
      type,
      terms: [...unique].map(([slug, name]) => ({ slug, name })),
    });
    await q.replaceTermLinks(db, { contentId: row.id, type, taxonomyIds: [...kept, ...created] });
  }
}

export async function createContent(
  db: Db,
  accountId: string,
  siteId: string,
  body: CreateContentBody,
): Promise<ContentDto> {
  await getSiteOr404(db, accountId, siteId);
  const row = await db.transaction(async (tx) => {
    const inserted = await q.insertContent(tx, {
      accountId,
      siteId,
      title: body.title,
      content: body.content,
      excerpt: body.excerpt,
      slug: body.slug || slugify(body.title),
      contentType: body.content_type,
      status: body.status,
      approvedAt: body.status === "approved" ? new Date() : null,
      featuredImageUrl: body.featured_image_url,
      scheduledAt: dateOrNull(body.scheduled_at),
      ...seoColumnsOf(body),
    });
    await setTerms(tx, inserted, body);
    await rehash(tx, inserted);
    return inserted;
  });
  if (row.status === "review") await onContentReviewed(db, row.id);
  return getContentDto(db, accountId, row.id);
}

/** Saves local edits. Nothing goes to WordPress here; a synced item whose synced fields changed becomes "pending". */
export async function updateContent(
  db: Db,
  accountId: string,
  id: string,
  body: UpdateContentBody,
): Promise<ContentDto> {
  await db.transaction(async (tx) => {
    const current = await getContentOr404(tx, accountId, id);
    // What a GET answered, sent back, is no change; only a change to these is refused.
    if (body.status === "published" && current.status !== "published")
      throw fieldError("status", PUBLISHED_BY_WORDPRESS);
    if (body.title === "" && current.title !== "") throw fieldError("title", "is required");
    const status = body.status ?? current.status;
    const scheduledAt = body.scheduled_at !== undefined ? dateOrNull(body.scheduled_at) : current.scheduledAt;
    if (status === "scheduled" && !scheduledAt)
      throw fieldError("scheduled_at", "is required when status is scheduled");
    const values: Partial<NewContent> = {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.content !== undefined && { content: body.content }),
      ...(body.excerpt !== undefined && { excerpt: body.excerpt }),
      ...(body.slug !== undefined &&
        body.slug !== current.slug && { slug: body.slug || slugify(body.title ?? current.title) }),
      ...(body.content_type !== undefined && { contentType: body.content_type }),
      ...(body.status !== undefined && { status: body.status }),
      ...(body.status === "approved" && current.status !== "approved" && { approvedAt: new Date() }),
      ...(body.featured_image_url !== undefined && { featuredImageUrl: body.featured_image_url }),
      ...(body.scheduled_at !== undefined && { scheduledAt }),
      ...seoColumnsOf(body),
    };
    const updated = await q.updateContent(tx, { accountId, id }, values);
    if (!updated) throw notFound("Content");
    await setTerms(tx, updated, body);
    const isPublishingChanged = status !== current.status || scheduledAt?.getTime() !== current.scheduledAt?.getTime();
    await rehash(tx, updated, isPublishingChanged);
  });
  // Sites with auto-approval approve what reaches review at once (recorded as auto-approved).
  if (body.status === "review") await onContentReviewed(db, id);
  return getContentDto(db, accountId, id);
}
