import "server-only";
import type { Db } from "@/db/client";
import type { SiteIntegration, SyncEvent, SyncRun } from "@/db/tables";
import * as q from "@/db/queries/dashboard";
import type { SyncEventDto, SyncHealthDto, SyncRunDto, SyncStatusDto } from "@/lib/queries/sync";
import type { Page } from "@/lib/schemas/common";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRunDto(run: SyncRun): SyncRunDto {
  return {
    id: run.id,
    direction: run.direction,
    status: run.status,
    processed: run.processed,
    total: run.total,
    failed: run.failed,
    error: run.error,
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    created_at: run.createdAt.toISOString(),
    trigger: run.trigger,
    is_full: run.isFull,
  };
}

export function toEventDto(event: SyncEvent, contentTitle: string | null): SyncEventDto {
  return {
    id: event.id,
    run_id: event.runId,
    event_type: event.eventType,
    direction: event.direction,
    content_id: event.contentId,
    content_title: contentTitle,
    external_id: event.externalId,
    status: event.status,
    error_code: event.errorCode,
    error_message: event.errorMessage,
    metadata: event.metadata,
    created_at: event.createdAt.toISOString(),
  };
}

const emptyPage = <T>(rows: T[], count: number): Page<T> => ({ count, next: null, previous: null, results: rows });

function toStatus(integration: SiteIntegration, latest: SyncRun | undefined): SyncStatusDto {
  const isRunning = latest && (latest.status === "queued" || latest.status === "running");
  return {
    status: isRunning ? "syncing" : integration.syncStatus === "error" ? "error" : "idle",
    run: latest ? toRunDto(latest) : null,
    last_sync_at: iso(integration.lastSyncAt),
    sync_error: integration.syncError,
  };
}

/** Zero-filled success/failed counts for each of the last `days` UTC days, oldest first. */
export function fillDays(rows: { day: string; status: string; n: number }[], days: number, today = new Date()) {
  const out: { day: string; success: number; failed: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().slice(0, 10);
    const of = (status: string) => rows.filter((r) => r.day === day && r.status === status).reduce((sum, r) => sum + Number(r.n), 0);
    out.push({ day, success: of("success"), failed: of("failed") });
  }
  return out;
}

export type SyncDashboard = Awaited<ReturnType<typeof getSyncDashboard>>;

/** Everything the Sync Dashboard shows first, read straight from the tables; null without an integration. */
export async function getSyncDashboard(db: Db, accountId: string, siteId: string, days = 14) {
  const integration = await q.getWordPressIntegration(db, { accountId, siteId });
  if (!integration) return null;
  const scope = { accountId, integrationId: integration.id };
  const since = new Date(Date.now() - days * 86_400_000);
  const [runs, errors, events, queue, health, perDay] = await Promise.all([
    q.listRuns(db, { ...scope, limit: 10 }),
    q.listEvents(db, { ...scope, status: "failed", limit: 10, offset: 0 }),
    q.listEvents(db, { ...scope, limit: 20, offset: 0 }),
    q.listSyncQueue(db, { accountId, siteId, limit: 10 }),
    q.getHealthCounts(db, { ...scope, siteId }),
    q.countEventsPerDay(db, { ...scope, since }),
  ]);
  const healthDto: SyncHealthDto = {
    total_synced: health.synced,
    last_successful_sync_at: iso(health.lastSuccessAt ? new Date(health.lastSuccessAt) : null) ?? iso(integration.lastSyncAt),
    failed_count: health.failed,
    pending_count: health.pending,
    open_conflicts: health.openConflicts,
  };
  return {
    integration: { id: integration.id, url: integration.externalSiteUrl, connectionStatus: integration.connectionStatus, isActive: integration.isActive },
    status: toStatus(integration, runs[0]),
    health: healthDto,
    runs: emptyPage(runs.map(toRunDto), runs.length),
    errors: emptyPage(
      errors.rows.map((r) => toEventDto(r.event, r.contentTitle)),
      errors.count,
    ),
    events: emptyPage(
      events.rows.map((r) => toEventDto(r.event, r.contentTitle)),
      events.count,
    ),
    queue: { count: queue.count, items: queue.rows.map((r) => ({ id: r.id, title: r.title, contentType: r.contentType, syncState: r.syncState })) },
    perDay: fillDays(perDay, days),
  };
}
