import "server-only";
import { idParamsSchema, paginationQuerySchema } from "@/lib/schemas/common";
import {
  eventParamsSchema,
  listSyncEventsQuerySchema,
  publishResultSchema,
  siteSyncBodySchema,
  siteSyncResultSchema,
  startSyncBodySchema,
  startSyncResultSchema,
  syncEventSchema,
  syncHealthSchema,
  syncRunSchema,
  syncStatusSchema,
} from "@/lib/schemas/sync";
import { syncScheduleBodySchema, syncScheduleSchema } from "@/lib/schemas/publishing";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { ex, managers, pushSiteErrors } from "./shared";

const tag = "Sync";

const runExample = {
  id: ex.runId,
  direction: "both",
  status: "queued",
  is_full: false,
  trigger: "manual",
  processed: 0,
  total: null,
  failed: 0,
  deferred: 0,
  deferred_limit: null,
  retries: 0,
  error: null,
  error_code: null,
  waiting_until: null,
  started_at: null,
  finished_at: null,
  created_at: ex.at,
};

export const startSync = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/sync/",
  operationId: "startSync",
  tag,
  summary: "Queue a pull, a push or both",
  description:
    "Answers the run already queued or running instead of starting a second one (`already_running: true`). `content_ids` pushes just those items.",
  params: idParamsSchema,
  body: startSyncBodySchema,
  bodyExample: { direction: "both" },
  errors: ["conflict"],
  responses: {
    202: {
      description: "The run.",
      schema: startSyncResultSchema,
      example: { run_id: ex.runId, already_running: false, run: runExample },
    },
  },
});

export const startSiteSync = defineOperation({
  method: "POST",
  path: "/api/v1/integration/site_sync/",
  operationId: "startSiteSync",
  tag,
  summary: "Sync every active integration of a site",
  body: siteSyncBodySchema,
  bodyExample: { site_id: ex.siteId, direction: "pull" },
  errors: ["not_found"],
  responses: { 202: { description: "One run per active integration.", schema: siteSyncResultSchema } },
});

export const getSyncStatus = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/sync_status/",
  operationId: "getSyncStatus",
  tag,
  summary: "Idle, syncing or error, with the latest run's progress",
  description:
    "While a running run waits for the platform's rate limit (Shopify's cost bucket or a THROTTLED answer, Webflow's per-minute budget or a 429), `run.waiting_until` says when the wait should end; it is null otherwise, and the run goes on by itself.",
  params: idParamsSchema,
  responses: {
    200: {
      description: "The status.",
      schema: syncStatusSchema,
      example: {
        status: "syncing",
        run: { ...runExample, status: "running", processed: 120, total: 1204, started_at: ex.at },
        last_sync_at: null,
        sync_error: null,
      },
    },
  },
});

export const getSyncHealth = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/sync_health/",
  operationId: "getSyncHealth",
  tag,
  summary: "Synced, failed and pending counts, and the last successful sync",
  params: idParamsSchema,
  responses: {
    200: {
      description: "The counts.",
      schema: syncHealthSchema,
      example: {
        total_synced: 1204,
        last_successful_sync_at: ex.at,
        failed_count: 1,
        pending_count: 3,
        open_conflicts: 0,
      },
    },
  },
});

export const listSyncRuns = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/sync_runs/",
  operationId: "listSyncRuns",
  tag,
  summary: "Run history, newest first",
  params: idParamsSchema,
  query: paginationQuerySchema,
  responses: { 200: { description: "A page of runs.", schema: pageOf(syncRunSchema) } },
});

export const listSyncEvents = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/sync_events/",
  operationId: "listSyncEvents",
  tag,
  summary: "Sync events, newest first",
  description: "Filter by `status`, `direction`, `event_type` or `run_id`.",
  params: idParamsSchema,
  query: listSyncEventsQuerySchema,
  responses: { 200: { description: "A page of events.", schema: pageOf(syncEventSchema) } },
});

export const retrySyncEvent = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/sync_events/{event_id}/retry/",
  operationId: "retrySyncEvent",
  tag,
  summary: "Push the item of a failed event again, now",
  params: eventParamsSchema,
  errors: ["conflict", "publish_in_progress", "publish_limit_reached", "credentials_unreadable", ...pushSiteErrors],
  responses: {
    200: { description: "The new push's outcome; the old event records the retry.", schema: publishResultSchema },
  },
});

export const getSyncSchedule = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/sync_schedule/",
  operationId: "getSyncSchedule",
  tag,
  summary: "The scheduled pull's interval and next run",
  params: idParamsSchema,
  responses: {
    200: {
      description: "The schedule; `interval_minutes: null` is off.",
      schema: syncScheduleSchema,
      example: {
        integration_id: ex.integrationId,
        interval_minutes: 60,
        next_run_at: "2026-01-15T10:30:00.000Z",
        consecutive_failures: 0,
      },
    },
  },
});

export const setSyncSchedule = defineOperation({
  method: "PATCH",
  path: "/api/v1/integration/{id}/sync_schedule/",
  operationId: "setSyncSchedule",
  takesGetAnswer: true,
  tag,
  summary: "Set how often the site is pulled",
  roles: managers,
  params: idParamsSchema,
  body: syncScheduleBodySchema,
  bodyExample: { interval_minutes: 60 },
  responses: { 200: { description: "The schedule as saved.", schema: syncScheduleSchema } },
});
