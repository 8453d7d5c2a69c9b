import "server-only";
import type { SyncEvent, SyncRun } from "@/db/tables";
import { syncEventSchema, syncRunSchema } from "@/lib/schemas/sync";

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
    // Only a running run waits; a wait that has ended (or was left by a run that stopped) is not shown.
    waiting_until:
      run.status === "running" && run.waitingUntil && run.waitingUntil.getTime() > Date.now()
        ? run.waitingUntil.toISOString()
        : null,
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
    // A WordPress post id stays the number the API has always answered; other platforms' ids are strings.
    external_id: event.externalId && /^\d{1,15}$/.test(event.externalId) ? Number(event.externalId) : event.externalId,
    error_code: event.errorCode,
    error_message: event.errorMessage,
    fix: typeof metadata.fix === "string" ? metadata.fix : null,
    metadata,
    created_at: event.createdAt.toISOString(),
  });
}
