import "server-only";
import { completePublication, releasePublication, reservePublication } from "../publishing-ledger";
import type { Db } from "@/db/client";
import type { SyncEvent, SyncRun } from "@/db/tables";
import { getIntegrationForSite, listIntegrations as listIntegrationRows } from "@/db/queries/integrations";
import { getEvent, getLatestRun, getSyncHealthCounts, listEvents, listRuns, updateEvent } from "@/db/queries/sync";
import { getSite } from "@/db/queries/sites";
import { getContentByIds } from "@/db/queries/content";
import { countOpenConflicts } from "@/db/queries/conflicts";
import {
  publishResultSchema,
  startSyncResultSchema,
  syncEventSchema,
  syncHealthSchema,
  syncRunSchema,
  syncStatusSchema,
  type ListSyncEventsQuery,
  type PublishResult,
  type SiteSyncBody,
  type StartSyncBody,
  type StartSyncResult,
} from "@/lib/schemas/sync";
import type { PaginationQuery } from "@/lib/schemas/common";
import { ApiError, notFound } from "@/lib/server/api/errors";
import { offsetOf } from "@/lib/server/api/paginate";
import { getIntegrationOr404 } from "@/lib/server/services/integrations";
import { createSyncContext } from "./context";
import { describeError, isPermanentSiteError } from "./errors";
import { pushItems } from "./push";
import { startSyncRun } from "./runs";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toSyncRunDto(run: SyncRun) {
  return syncRunSchema.parse({
    id: run.id,
    direction: run.direction,
    status: run.status,
    is_full: run.isFull,
    trigger: run.trigger,
    processed: run.processed,
    total: run.total,
    failed: run.failed,
    deferred: run.deferred,
    deferred_limit: run.deferredLimit,
    retries: run.retries,
    error: run.error,
    error_code: run.errorCode,
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    created_at: run.createdAt.toISOString(),
  });
}

export function toSyncEventDto(event: SyncEvent) {
  const metadata = event.metadata ?? {};
  return syncEventSchema.parse({
    id: event.id,
    run_id: event.runId,
    event_type: event.eventType,
    direction: event.direction,
    status: event.status,
    content_type: event.contentType,
    content_id: event.contentId,
    external_id: event.externalId,
    error_code: event.errorCode,
    error_message: event.errorMessage,
    fix: typeof metadata.fix === "string" ? metadata.fix : null,
    metadata,
    created_at: event.createdAt.toISOString(),
  });
}

async function activeIntegrationOr409(db: Db, accountId: string, integrationId: string) {
  const row = await getIntegrationOr404(db, accountId, integrationId);
  if (!row.integration.isActive || !row.integration.syncEnabled) {
    throw new ApiError("conflict", "Sync is switched off for this integration.", { fix: "Turn on \"active\" and \"sync enabled\" for the integration, then sync again." });
  }
  return row;
}

/** Queues a sync, or answers the one already queued or running. */
export async function requestSync(db: Db, accountId: string, integrationId: string, body: StartSyncBody): Promise<StartSyncResult> {
  await activeIntegrationOr409(db, accountId, integrationId);
  if (body.content_ids) {
    const found = await getContentByIds(db, { accountId, ids: body.content_ids });
    if (found.length !== new Set(body.content_ids).size) throw new ApiError("validation_error", "content_ids: some items do not exist", { status: 422 });
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
    const { run, alreadyRunning } = await startSyncRun(db, { accountId, integrationId: integration.id, direction: body.direction });
    runs.push({ integration_id: integration.id, run_id: run.id, already_running: alreadyRunning, run: toSyncRunDto(run) });
  }
  return { site_id: body.site_id, runs };
}

export async function getSyncStatus(db: Db, accountId: string, integrationId: string) {
  const { integration } = await getIntegrationOr404(db, accountId, integrationId);
  const run = await getLatestRun(db, { accountId, integrationId });
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
  const { rows, count } = await listRuns(db, { accountId, integrationId, limit: query.page_size, offset: offsetOf(query) });
  return { count, results: rows.map(toSyncRunDto) };
}

/**
 * Pushes one item now, in this request, through the same engine as the runs (terms, image,
 * exactly-once create); answers its new sync state and the event.
 */
export async function publishContent(db: Db, accountId: string, contentId: string): Promise<PublishResult> {
  const [item] = await getContentByIds(db, { accountId, ids: [contentId] });
  if (!item) throw notFound("Content");
  if (!["approved", "scheduled", "published"].includes(item.status)) {
    throw new ApiError("conflict", `Only approved content is published; this item is ${item.status}.`, { fix: "Approve it first, then publish." });
  }
  const integration = await getIntegrationForSite(db, { accountId, siteId: item.siteId, platform: "wordpress" });
  if (!integration || !integration.isActive) {
    throw new ApiError("conflict", "This item's site has no active WordPress integration.", { fix: "Connect the site under Integrations first." });
  }
  const site = (await getSite(db, { accountId, id: item.siteId }))!;
  // Credentials before the slot: a site whose password cannot be opened takes no slot.
  const ctx = await createSyncContext(db, { integration, site });
  const publication = await reserveManualPublication(db, item);
  try {
    const [outcome] = await pushItems(ctx, [item], { batch: false });
    if (publication) {
      if (outcome.event.status === "success") await completePublication(db, { publicationId: publication.id, now: new Date() });
      else await releasePublication(db, { publicationId: publication.id });
    }
    const [after] = await getContentByIds(db, { accountId, ids: [contentId] });
    return publishResultSchema.parse({
      content_id: contentId,
      sync_state: after.syncState,
      status: after.status,
      wordpress_id: after.wordpressId,
      wordpress_url: after.wordpressUrl,
      event: toSyncEventDto(outcome.event),
    });
  } catch (error) {
    if (publication) await releasePublication(db, { publicationId: publication.id });
    if (!isPermanentSiteError(error)) throw error;
    const { code, message, fix } = describeError(error);
    throw new ApiError(code, message, { status: 422, fix });
  }
}

/**
 * A first publication takes a slot in the site's ledger under the same database lock as the
 * scheduler, so a manual publish and a worker together never exceed the limits. Updates of an
 * item already published take no slot.
 */
async function reserveManualPublication(db: Db, item: { id: string; accountId: string; siteId: string; status: string }) {
  if (item.status === "published") return undefined;
  const reservation = await reservePublication(db, { accountId: item.accountId, siteId: item.siteId, contentId: item.id, source: "manual", now: new Date() });
  if (reservation.ok) return reservation.publication;
  if (reservation.reason === "daily" || reservation.reason === "weekly" || reservation.reason === "monthly") {
    throw new ApiError("publish_limit_reached", `This site's ${reservation.reason} publishing limit is reached.`, {
      status: 409,
      fix: "Publish it later (the Publishing page shows the next free slot), or raise the limit in the site's Publishing settings.",
    });
  }
  return undefined;
}

/** Retries the item of one failed push event now; the old event records the retry. */
export async function retrySyncEvent(db: Db, accountId: string, integrationId: string, eventId: string): Promise<PublishResult> {
  await getIntegrationOr404(db, accountId, integrationId);
  const event = await getEvent(db, { accountId, integrationId, id: eventId });
  if (!event) throw notFound("Sync event");
  if (event.status !== "failed") throw new ApiError("conflict", "Only failed events can be retried.");
  if (!event.contentId) throw new ApiError("conflict", "This event has no content item to retry.", { fix: "Start a new sync instead." });
  const result = await publishContent(db, accountId, event.contentId);
  await updateEvent(db, { id: event.id }, { metadata: { ...event.metadata, retried_by: result.event.id } });
  return result;
}
