import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { executeRows } from "./raw";
import {
  content,
  contentRefs,
  contentTaxonomies,
  contentTaxonomyLinks,
  siteIntegrations,
  type Content,
  type ContentRef,
  type ContentTaxonomy,
  type NewContent,
  type NewContentRef,
} from "../tables";

type Scope = { accountId: string; integrationId: string };

/** A content item with its reference on one integration (none before its first sync there). */
export type SyncItem = Content & { ref: ContentRef | null };

type RefColumns = "externalId" | "version" | "remoteStatus" | "baseHash" | "syncState";
type ContentColumns = "id" | "contentHash" | "seoTitle" | "seoDescription" | "focusKeyword" | "canonicalUrl";
export type ExternalIdRow = Pick<Content, ContentColumns> & Pick<ContentRef, RefColumns> & { externalId: string };

/**
 * Our items for these platform ids of an integration (the pull's "what do we have" lookup): one
 * probe of the unique (integration, external id) index per id, whatever the planner believes of
 * the table. A first pull fills a table whose statistics say it is empty; a plan made then would
 * be kept for the whole pull and cost a scan per page. The `limit 1` keeps each lookup a probe.
 */
export async function getContentByExternalIds(
  db: Executor,
  params: Scope & { externalIds: string[] },
): Promise<ExternalIdRow[]> {
  if (!params.externalIds.length) return [];
  return executeRows<ExternalIdRow>(
    db,
    sql`
    select c.* from jsonb_array_elements_text(${JSON.stringify(params.externalIds)}::jsonb) as w(id)
    cross join lateral (
      select i.id, r.external_id as "externalId", r.version, r.remote_status as "remoteStatus",
        i.content_hash as "contentHash", r.base_hash as "baseHash", r.sync_state as "syncState",
        i.seo_title as "seoTitle", i.seo_description as "seoDescription", i.focus_keyword as "focusKeyword",
        i.canonical_url as "canonicalUrl"
      from ${contentRefs} r join ${content} i on i.id = r.content_id
      where r.integration_id = ${params.integrationId} and r.external_id = w.id and r.account_id = ${params.accountId}
      limit 1
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

type RefValues = Partial<Omit<NewContentRef, "contentId" | "integrationId" | "accountId">>;

/** Writes these items' references on the integration (created when missing) with `values`. */
export async function upsertRefs(db: Executor, params: Scope & { ids: string[] }, values: RefValues) {
  if (!params.ids.length) return;
  const rows = params.ids.map((contentId) => ({
    contentId,
    integrationId: params.integrationId,
    accountId: params.accountId,
    ...values,
  }));
  await db
    .insert(contentRefs)
    .values(rows)
    .onConflictDoUpdate({
      target: [contentRefs.contentId, contentRefs.integrationId],
      set: { ...values, updatedAt: new Date() },
    });
}

/** Sets these items' references on the integration that exist (the others are left alone). */
export async function setRefState(db: Executor, params: Scope & { ids: string[] }, values: RefValues) {
  if (!params.ids.length) return;
  await db
    .update(contentRefs)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(contentRefs.accountId, params.accountId),
        eq(contentRefs.integrationId, params.integrationId),
        inArray(contentRefs.contentId, params.ids),
      ),
    );
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

/** Platform ids we hold for one content type on an integration, not yet marked gone. */
export async function listLiveExternalIds(db: Executor, params: Scope & { contentType: Content["contentType"] }) {
  return db
    .select({ id: contentRefs.contentId, externalId: contentRefs.externalId, syncState: contentRefs.syncState })
    .from(contentRefs)
    .innerJoin(content, eq(content.id, contentRefs.contentId))
    .where(
      and(
        eq(contentRefs.accountId, params.accountId),
        eq(contentRefs.integrationId, params.integrationId),
        eq(content.contentType, params.contentType),
        isNotNull(contentRefs.externalId),
        sql`${contentRefs.syncState} not in ('remote_trashed', 'remote_deleted')`,
      ),
    );
}

const withRef = (rows: Array<{ content: Content; ref: ContentRef | null }>): SyncItem[] =>
  rows.map((r) => ({ ...r.content, ref: r.ref }));

/** Items with their reference on the integration, by id. */
export async function getSyncItems(db: Executor, params: Scope & { ids: string[] }): Promise<SyncItem[]> {
  if (!params.ids.length) return [];
  const rows = await db
    .select({ content, ref: contentRefs })
    .from(content)
    .leftJoin(
      contentRefs,
      and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, params.integrationId)),
    )
    .where(and(eq(content.accountId, params.accountId), inArray(content.id, params.ids)))
    .orderBy(content.createdAt, content.id);
  return withRef(rows);
}

/**
 * Items to push to an integration: the given ids, or the site's approved items not yet in sync
 * there (no reference yet, or one pending or failed) and published ones with a change to send.
 */
export async function listContentToPush(
  db: Executor,
  params: Scope & { siteId: string; ids?: string[] },
): Promise<SyncItem[]> {
  if (params.ids) return getSyncItems(db, { ...params, ids: params.ids });
  const state = sql`coalesce(${contentRefs.syncState}, 'local')`;
  const rows = await db
    .select({ content, ref: contentRefs })
    .from(content)
    .leftJoin(
      contentRefs,
      and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, params.integrationId)),
    )
    .where(
      and(
        eq(content.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        or(
          and(inArray(content.status, ["approved", "scheduled"]), sql`${state} in ('local', 'pending', 'failed')`),
          and(eq(content.status, "published"), sql`${state} in ('pending', 'failed')`),
        ),
      ),
    )
    .orderBy(content.createdAt, content.id);
  return withRef(rows);
}
