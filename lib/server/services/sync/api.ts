import "server-only";
import type { Db } from "@/db/client";
import { listIntegrations as listIntegrationRows } from "@/db/queries/integrations";
import { getLatestRun, getSyncHealthCounts, listRuns } from "@/db/queries/sync";
import { listEvents } from "@/db/queries/sync-events";
import { getSite } from "@/db/queries/sites";
import { getContentByIds } from "@/db/queries/content";
import { countOpenConflicts } from "@/db/queries/conflicts";
import {
  startSyncResultSchema,
  syncHealthSchema,
  syncStatusSchema,
  type ListSyncEventsQuery,
  type SiteSyncBody,
  type StartSyncBody,
  type StartSyncResult,
} from "@/lib/schemas/sync";
import type { PaginationQuery } from "@/lib/schemas/common";
import { ApiError, notFound } from "@/lib/server/api/errors";
import { offsetOf } from "@/lib/server/api/paginate";
import { getIntegrationOr404 } from "@/lib/server/services/integrations";
import { startSyncRun } from "./runs";
import { toSyncEventDto, toSyncRunDto } from "./dto";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function activeIntegrationOr409(db: Db, accountId: string, integrationId: string) {
  const row = await getIntegrationOr404(db, accountId, integrationId);
  if (!row.integration.isActive || !row.integration.syncEnabled) {
    throw new ApiError("conflict", "Sync is switched off for this integration.", {
      fix: 'Turn on "active" and "sync enabled" for the integration, then sync again.',
    });
  }
  return row;
}

/** Queues a sync, or answers the one already queued or running. */
export async function requestSync(
  db: Db,
  accountId: string,
  integrationId: string,
  body: StartSyncBody,
): Promise<StartSyncResult> {
  await activeIntegrationOr409(db, accountId, integrationId);
  if (body.content_ids) {
    const found = await getContentByIds(db, { accountId, ids: body.content_ids });
    if (found.length !== new Set(body.content_ids).size) {
      throw new ApiError("validation_error", "content_ids: some items do not exist");
    }
  }
  const { run, alreadyRunning } = await startSyncRun(db, {
    accountId,
    integrationId,
    direction: body.content_ids ? "push" : body.direction,
    contentIds: body.content_ids,
    full: body.full,
  });
  return startSyncResultSchema.parse({ run_id: run.id, already_running: alreadyRunning, run: toSyncRunDto(run) });
}

/** One run per active, sync-enabled integration of the site. */
export async function requestSiteSync(db: Db, accountId: string, body: SiteSyncBody) {
  if (!(await getSite(db, { accountId, id: body.site_id }))) throw notFound("Site");
  const { rows } = await listIntegrationRows(db, { accountId, siteId: body.site_id, limit: 100, offset: 0 });
  const runs = [];
  for (const { integration } of rows) {
    if (!integration.isActive || !integration.syncEnabled) continue;
    const { run, alreadyRunning } = await startSyncRun(db, {
      accountId,
      integrationId: integration.id,
      direction: body.direction,
    });
    runs.push({
      integration_id: integration.id,
      run_id: run.id,
      already_running: alreadyRunning,
      run: toSyncRunDto(run),
    });
  }
  return { site_id: body.site_id, runs };
}

export async function getSyncStatus(db: Db, accountId: string, integrationId: string) {
  await getIntegrationOr404(db, accountId, integrationId);
  // The run before the integration: a finished run's state on the integration committed with it.
  const run = await getLatestRun(db, { accountId, integrationId });
  const { integration } = await getIntegrationOr404(db, accountId, integrationId);
  const isActive = run && (run.status === "queued" || run.status === "running");
  return syncStatusSchema.parse({
    status: isActive ? "syncing" : integration.syncStatus === "error" ? "error" : "idle",
    run: run ? toSyncRunDto(run) : null,
    last_sync_at: iso(integration.lastSyncAt),
    sync_error: integration.syncError,
  });
}

export async function getSyncHealth(db: Db, accountId: string, integrationId: string) {
  const { integration } = await getIntegrationOr404(db, accountId, integrationId);
  const counts = await getSyncHealthCounts(db, { accountId, siteId: integration.siteId, integrationId });
  return syncHealthSchema.parse({
    total_synced: counts.synced,
    last_successful_sync_at: iso(counts.lastSuccessAt),
    failed_count: counts.failed,
    pending_count: counts.pending,
    open_conflicts: await countOpenConflicts(db, { accountId, integrationId }),
  });
}

export async function listSyncEvents(db: Db, accountId: string, integrationId: string, query: ListSyncEventsQuery) {
  await getIntegrationOr404(db, accountId, integrationId);
  const { rows, count } = await listEvents(db, {
    accountId,
    integrationId,
    status: query.status,
    direction: query.direction,
    eventType: query.event_type,
    runId: query.run_id,
    limit: query.page_size,
    offset: offsetOf(query),
  });
  return { count, results: rows.map(toSyncEventDto) };
}

export async function listSyncRuns(db: Db, accountId: string, integrationId: string, query: PaginationQuery) {
  await getIntegrationOr404(db, accountId, integrationId);
  const { rows, count } = await listRuns(db, {
    accountId,
    integrationId,
    limit: query.page_size,
    offset: offsetOf(query),
  });
  return { count, results: rows.map(toSyncRunDto) };
}
