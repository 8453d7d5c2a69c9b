import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  content,
  contentRefs,
  contentTaxonomies,
  contentTaxonomyLinks,
  siteIntegrations,
  type ContentRef,
  type ContentTaxonomy,
} from "../tables";

type Scope = { accountId: string; integrationId: string };

/** What a successful push records of one item. */
export type PushedRef = {
  id: string;
  externalId: string;
  url: string | null;
  remoteStatus: string;
  version: string | null;
  /** IGNY8's status the platform's answer means. */
  status: "published" | "scheduled" | "draft" | "review";
  hash: string;
  baseSnapshot: Record<string, unknown>;
};

/**
 * Marks pushed items as in sync with what the platform answered, in one statement each for the
 * references and the items: the platform's id, link, status and version; the pushed fields as the
 * new base; published or scheduled when the platform says so (the first publication is kept).
 */
export async function markPushed(db: Executor, params: Scope & { items: PushedRef[] }) {
  if (!params.items.length) return;
  const items = sql`jsonb_to_recordset(${JSON.stringify(params.items)}::jsonb) as r(
      id uuid, "externalId" text, url text, "remoteStatus" text, version text, status text, hash text, "baseSnapshot" jsonb)`;
  await db.execute(sql`
    insert into ${contentRefs} (content_id, integration_id, account_id, external_id, url, remote_status, version,
      base_hash, base_version, base_snapshot, sync_state, last_synced_at)
    select r.id, ${params.integrationId}, ${params.accountId}, r."externalId", r.url, r."remoteStatus", r.version,
      r.hash, r.version, r."baseSnapshot", 'synced', now()
    from ${items}
    on conflict (content_id, integration_id) do update set external_id = excluded.external_id, url = excluded.url,
      remote_status = excluded.remote_status, version = excluded.version, base_hash = excluded.base_hash,
      base_version = excluded.base_version, base_snapshot = excluded.base_snapshot, sync_state = 'synced',
      last_synced_at = now(), updated_at = now()`);
  await db.execute(sql`
    update ${content} c set content_hash = r.hash, updated_at = now(),
      status = case r.status when 'published' then 'published'::content_status
        when 'scheduled' then 'scheduled'::content_status else c.status end,
      published_at = case when r.status = 'published' then coalesce(c.published_at, now()) else c.published_at end
    from ${items}
    where c.id = r.id and c.account_id = ${params.accountId}`);
}

/**
 * After an edit here: the item's references in sync whose base is not `hash` (or all of them, when
 * its status or date changed) have a change to send.
 */
export async function markRefsChanged(
  db: Executor,
  params: { accountId: string; id: string; hash: string; isPublishingChanged: boolean },
) {
  await db
    .update(contentRefs)
    .set({ syncState: "pending", updatedAt: new Date() })
    .where(
      and(
        eq(contentRefs.accountId, params.accountId),
        eq(contentRefs.contentId, params.id),
        eq(contentRefs.syncState, "synced"),
        params.isPublishingChanged ? undefined : sql`${contentRefs.baseHash} is distinct from ${params.hash}`,
      ),
    );
}

/** Every reference of these items with its integration's platform, oldest integration first. */
export async function listRefsOf(db: Executor, params: { accountId: string; contentIds: string[] }) {
  const out = new Map<string, Array<ContentRef & { platform: string }>>();
  if (!params.contentIds.length) return out;
  const rows = await db
    .select({ ref: contentRefs, platform: siteIntegrations.platform })
    .from(contentRefs)
    .innerJoin(siteIntegrations, eq(siteIntegrations.id, contentRefs.integrationId))
    .where(and(eq(contentRefs.accountId, params.accountId), inArray(contentRefs.contentId, params.contentIds)))
    .orderBy(siteIntegrations.createdAt, siteIntegrations.id);
  for (const { ref, platform } of rows)
    out.set(ref.contentId, [...(out.get(ref.contentId) ?? []), { ...ref, platform }]);
  return out;
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
