import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/dashboard";
import { getSite } from "@/db/queries/sites";
import type { SyncEventDto } from "@/lib/queries/sync";
import type { Page } from "@/lib/schemas/common";
import { getSyncHealth, getSyncStatus, listSyncEvents, listSyncRuns } from "./sync/api";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { platformOf, unreadableCredentials } from "./integrations";
import { seoKeptReasons } from "@/lib/schemas/seo";

const toPage = <T>({ count, results }: { count: number; results: T[] }): Page<T> => ({
  count,
  next: null,
  previous: null,
  results,
});

/** Zero-filled success/failed counts for each of the last `days` UTC days, oldest first. */
export function fillDays(rows: { day: string; status: string; n: number }[], days: number, today = new Date()) {
  const out: { day: string; success: number; failed: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i))
      .toISOString()
      .slice(0, 10);
    const of = (status: string) =>
      rows.filter((r) => r.day === day && r.status === status).reduce((sum, r) => sum + Number(r.n), 0);
    out.push({ day, success: of("success"), failed: of("failed") });
  }
  return out;
}

/** Why the newest push that carried SEO fields kept them in IGNY8; null when it sent them (or none did). */
function seoNoticeOf(metadata: Record<string, unknown> | undefined): string | null {
  if (metadata?.seo !== "kept_in_igny8") return null;
  const reason = metadata.seo_reason === "old_plugin" ? "old_plugin" : "no_plugin";
  return seoKeptReasons[reason];
}

export type SyncDashboard = NonNullable<Awaited<ReturnType<typeof getSyncDashboard>>>;

/**
 * Everything the Sync Dashboard shows first, through the same services as the sync API (so the
 * live queries continue from identical data), plus the queue, item titles and events per day.
 * Of one integration of the site (`integrationId`, else its oldest); null when the site has none.
 */
export async function getSyncDashboard(
  db: Db,
  accountId: string,
  siteId: string,
  days = 14,
  options: { integrationId?: string } = {},
) {
  const all = await q.listDashboardIntegrations(db, { accountId, siteId });
  const integration = all.find((i) => i.id === options.integrationId) ?? all[0];
  if (!integration) return null;
  const integrationId = integration.id;
  const since = new Date(Date.now() - days * 86_400_000);
  const [status, health, runs, errors, events, queue, perDay, seoPush] = await Promise.all([
    getSyncStatus(db, accountId, integrationId),
    getSyncHealth(db, accountId, integrationId),
    listSyncRuns(db, accountId, integrationId, { page: 1, page_size: 10 }),
    listSyncEvents(db, accountId, integrationId, { page: 1, page_size: 10, status: "failed" }),
    listSyncEvents(db, accountId, integrationId, { page: 1, page_size: 20 }),
    q.listSyncQueue(db, { accountId, siteId, integrationId, limit: 10 }),
    q.countEventsPerDay(db, { accountId, integrationId, since }),
    q.getLatestSeoPush(db, { accountId, integrationId }),
  ]);
  const contentIds = [...errors.results, ...events.results].map((e) => e.content_id).filter((id): id is string => !!id);
  const titles = await q.getContentTitles(db, { accountId, ids: [...new Set(contentIds)] });
  const withTitle = (e: SyncEventDto): SyncEventDto => ({
    ...e,
    content_title: e.content_id ? (titles.get(e.content_id) ?? null) : null,
  });
  // Marked credentials_unreadable: what cannot be decrypted now, with its fix (never a secret).
  const site =
    integration.connectionErrorCode === "credentials_unreadable"
      ? await getSite(db, { accountId, id: siteId })
      : undefined;
  return {
    integration: {
      id: integrationId,
      platform: integration.platform,
      platformName: getPlatformAdapter(platformOf(integration)).displayName,
      url: integration.externalSiteUrl,
      connectionStatus: integration.connectionStatus,
      connectionErrorCode: integration.connectionErrorCode,
      credentialProblems: site ? unreadableCredentials({ integration, site }) : [],
      isActive: integration.isActive && integration.syncEnabled,
    },
    status,
    health,
    runs: toPage(runs),
    errors: toPage({ count: errors.count, results: errors.results.map(withTitle) }),
    events: toPage({ count: events.count, results: events.results.map(withTitle) }),
    titles: Object.fromEntries(titles),
    queue: {
      count: queue.count,
      items: queue.rows.map((r) => ({ id: r.id, title: r.title, contentType: r.contentType, syncState: r.syncState })),
    },
    perDay: fillDays(perDay, days),
    /** The site's other integrations, for a switcher. */
    integrations: all.map((i) => ({ id: i.id, platform: i.platform, url: i.externalSiteUrl })),
    seoNotice: seoNoticeOf(seoPush?.metadata),
  };
}
