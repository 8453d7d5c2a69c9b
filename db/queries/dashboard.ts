import { and, count, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { content, contentRefs, siteIntegrations, syncEvents, type Content, type SiteIntegration } from "../tables";

type Scope = { accountId: string };

/** The site's integrations, oldest first (the Sync Dashboard shows one, the oldest unless asked). */
export async function listDashboardIntegrations(
  db: Executor,
  params: Scope & { siteId: string },
): Promise<SiteIntegration[]> {
  return db
    .select()
    .from(siteIntegrations)
    .where(and(eq(siteIntegrations.accountId, params.accountId), eq(siteIntegrations.siteId, params.siteId)))
    .orderBy(siteIntegrations.createdAt, siteIntegrations.id);
}

/** The item's state on the integration: `local` before its first sync there. */
const refState = sql<Content["syncState"]>`coalesce(${contentRefs.syncState}::text, 'local')`;

/** What "push pending" sends to an integration: approved or scheduled items not in sync there, and published items changed since. */
const isQueued = (scope: Scope & { siteId: string }) =>
  and(
    eq(content.accountId, scope.accountId),
    eq(content.siteId, scope.siteId),
    or(
      and(inArray(content.status, ["approved", "scheduled"]), sql`${refState} in ('local', 'pending', 'failed')`),
      and(eq(content.status, "published"), sql`${refState} in ('pending', 'failed')`),
    ),
  );

/** The site's items waiting to be pushed to the integration. */
export async function listSyncQueue(
  db: Executor,
  params: Scope & { siteId: string; integrationId: string; limit: number },
) {
  const where = isQueued(params);
  const joined = and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, params.integrationId));
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: content.id,
        title: content.title,
        contentType: content.contentType,
        syncState: refState,
        approvedAt: content.approvedAt,
        updatedAt: content.updatedAt,
      })
      .from(content)
      .leftJoin(contentRefs, joined)
      .where(where)
      .orderBy(desc(content.updatedAt), desc(content.id))
      .limit(params.limit),
    db.select({ n: count() }).from(content).leftJoin(contentRefs, joined).where(where),
  ]);
  return { rows, count: n };
}

/** Titles of the account's content items by id. */
export async function getContentTitles(db: Executor, params: Scope & { ids: string[] }): Promise<Map<string, string>> {
  if (!params.ids.length) return new Map();
  const rows = await db
    .select({ id: content.id, title: content.title })
    .from(content)
    .where(and(eq(content.accountId, params.accountId), inArray(content.id, params.ids)));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Successful and failed events per UTC day since `since`. */
export async function countEventsPerDay(db: Executor, params: Scope & { integrationId: string; since: Date }) {
  const day = sql<string>`to_char(${syncEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, status: syncEvents.status, n: count() })
    .from(syncEvents)
    .where(
      and(
        eq(syncEvents.accountId, params.accountId),
        eq(syncEvents.integrationId, params.integrationId),
        gte(syncEvents.createdAt, params.since),
      ),
    )
    .groupBy(day, syncEvents.status);
  return rows;
}

/**
 * The newest push of the integration that said something about SEO fields (`metadata.seo`:
 * "sent" or "kept_in_igny8", with the reason): whether the dashboard says they stay in IGNY8.
 */
export async function getLatestSeoPush(db: Executor, params: Scope & { integrationId: string }) {
  const [row] = await db
    .select({ metadata: syncEvents.metadata, createdAt: syncEvents.createdAt, contentId: syncEvents.contentId })
    .from(syncEvents)
    .where(
      and(
        eq(syncEvents.accountId, params.accountId),
        eq(syncEvents.integrationId, params.integrationId),
        eq(syncEvents.eventType, "content_push"),
        sql`${syncEvents.metadata} ? 'seo'`,
      ),
    )
    .orderBy(desc(syncEvents.createdAt))
    .limit(1);
  return row;
}
