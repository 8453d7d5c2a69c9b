import "server-only";
import type { Db } from "@/db/client";
import type { SiteIntegration } from "@/db/tables";
import { getIntegration } from "@/db/queries/integrations";
import * as q from "@/db/queries/publishing-sync";
import { syncScheduleSchema, SYNC_INTERVAL_MAX, type SyncScheduleDto } from "@/lib/schemas/publishing";
import { logError } from "@/lib/server/log";
import { notFound } from "../api/errors";
import { startSyncRun } from "./sync/runs";

/**
 * The wait before the next scheduled pull: the interval, doubled for every consecutive failure
 * of the site, at most 24 hours.
 */
export function effectiveIntervalMinutes(intervalMinutes: number, consecutiveFailures: number): number {
  return Math.min(SYNC_INTERVAL_MAX, intervalMinutes * 2 ** Math.min(Math.max(0, consecutiveFailures), 16));
}

export function toSyncScheduleDto(integration: SiteIntegration): SyncScheduleDto {
  return syncScheduleSchema.parse({
    integration_id: integration.id,
    interval_minutes: integration.syncIntervalMinutes,
    next_run_at:
      integration.syncIntervalMinutes && integration.nextSyncAt ? integration.nextSyncAt.toISOString() : null,
    consecutive_failures: integration.consecutiveFailures,
  });
}

export async function getSyncSchedule(db: Db, accountId: string, integrationId: string): Promise<SyncScheduleDto> {
  const found = await getIntegration(db, { accountId, id: integrationId });
  if (!found) throw notFound("Integration");
  return toSyncScheduleDto(found.integration);
}

/**
 * Turns the scheduled pull on (every `intervalMinutes`, first run one interval from now) or off
 * (null). The interval it already has changes nothing: the next run stays when it was.
 */
export async function setSyncSchedule(
  db: Db,
  accountId: string,
  integrationId: string,
  intervalMinutes: number | null,
  now = new Date(),
) {
  const found = await getIntegration(db, { accountId, id: integrationId });
  if (!found) throw notFound("Integration");
  const current = found.integration;
  if (intervalMinutes === current.syncIntervalMinutes && (intervalMinutes === null || current.nextSyncAt))
    return toSyncScheduleDto(current);
  const nextAt =
    intervalMinutes === null
      ? null
      : new Date(
          now.getTime() + effectiveIntervalMinutes(intervalMinutes, found.integration.consecutiveFailures) * 60_000,
        );
  const row = await q.setSyncInterval(db, { accountId, id: integrationId, intervalMinutes, nextAt });
  if (!row) throw notFound("Integration");
  return toSyncScheduleDto(row);
}

export type ScheduledSyncReport = { started: string[]; alreadyRunning: string[] };

/**
 * One scheduler pass: every integration whose scheduled pull is due gets an incremental pull
 * queued. The next run is claimed first (one worker wins each due moment) and lies an interval
 * ahead, doubled per consecutive failure up to 24 h. A sync already queued or running is left
 * alone (the engine keeps one active run per integration), so runs never overlap.
 */
export async function runScheduledSyncTick(
  db: Db,
  now = new Date(),
  scope: { accountId?: string } = {},
): Promise<ScheduledSyncReport> {
  const report: ScheduledSyncReport = { started: [], alreadyRunning: [] };
  for (const integration of await q.listDueScheduledSyncs(db, { now, accountId: scope.accountId })) {
    const minutes = effectiveIntervalMinutes(integration.syncIntervalMinutes!, integration.consecutiveFailures);
    if (
      !(await q.claimScheduledSync(db, { id: integration.id, now, nextAt: new Date(now.getTime() + minutes * 60_000) }))
    )
      continue;
    try {
      const { alreadyRunning } = await startSyncRun(db, {
        accountId: integration.accountId,
        integrationId: integration.id,
        direction: "pull",
        trigger: "schedule",
      });
      (alreadyRunning ? report.alreadyRunning : report.started).push(integration.id);
    } catch (error) {
      logError(`scheduled sync of integration ${integration.id} could not start`, error);
    }
  }
  return report;
}
