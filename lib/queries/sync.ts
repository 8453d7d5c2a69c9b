import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { Page } from "@/lib/schemas/common";

/** Shapes of the sync endpoints under /api/v1/integration/{id}/ as the dashboard reads them. */
export type SyncRunDto = {
  id: string;
  direction: "pull" | "push" | "both";
  status?: "queued" | "running" | "completed" | "failed";
  processed: number;
  total: number | null;
  failed?: number;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at?: string;
  trigger?: string;
  is_full?: boolean;
};

export type SyncStatusDto = {
  status: "idle" | "syncing" | "error";
  run: SyncRunDto | null;
  last_sync_at: string | null;
  sync_error: string | null;
};

export type SyncHealthDto = {
  total_synced: number;
  last_successful_sync_at: string | null;
  failed_count: number;
  pending_count: number;
  open_conflicts?: number;
};

export type SyncEventDto = {
  id: string;
  run_id?: string | null;
  event_type: string;
  direction: string;
  content_id: string | null;
  content_title?: string | null;
  external_id?: number | null;
  status: "pending" | "success" | "failed";
  error_code: string | null;
  error_message: string | null;
  metadata?: Record<string, unknown>;
  created_at: string;
};

export type SyncEventFilters = { status?: string; direction?: string; event_type?: string; page?: number; page_size?: number };

export type StartSyncBody = { direction: "pull" | "push" | "both"; content_ids?: string[]; full?: boolean };
export type StartSyncResult = { run_id: string; already_running: boolean };

const base = (integrationId: string) => `/api/v1/integration/${integrationId}`;

/** A run is live until it has a finish time; the status says "syncing" meanwhile. */
export const isSyncRunning = (status: SyncStatusDto | undefined) =>
  !!status && (status.status === "syncing" || (!!status.run && !status.run.finished_at && status.run.status !== "failed" && status.run.status !== "completed"));

export const syncKeys = {
  all: (integrationId: string) => ["integration", integrationId] as const,
  status: (integrationId: string) => ["integration", integrationId, "sync_status"] as const,
  health: (integrationId: string) => ["integration", integrationId, "sync_health"] as const,
  runs: (integrationId: string) => ["integration", integrationId, "sync_runs"] as const,
  events: (integrationId: string, filters: SyncEventFilters) => ["integration", integrationId, "sync_events", filters] as const,
};

/** Polls every second while a run is going and stops when it ends. */
export const syncStatusQuery = (integrationId: string) =>
  queryOptions({
    queryKey: syncKeys.status(integrationId),
    queryFn: () => apiFetch<SyncStatusDto>(`${base(integrationId)}/sync_status/`),
    refetchInterval: (query) => (isSyncRunning(query.state.data) ? 1000 : false),
    retry: false,
  });

export const syncHealthQuery = (integrationId: string) =>
  queryOptions({
    queryKey: syncKeys.health(integrationId),
    queryFn: () => apiFetch<SyncHealthDto>(`${base(integrationId)}/sync_health/`),
    retry: false,
  });

export const syncRunsQuery = (integrationId: string) =>
  queryOptions({
    queryKey: syncKeys.runs(integrationId),
    queryFn: () => apiFetch<Page<SyncRunDto>>(`${base(integrationId)}/sync_runs/?page_size=10`),
    retry: false,
  });

export const syncEventsQuery = (integrationId: string, filters: SyncEventFilters) =>
  queryOptions({
    queryKey: syncKeys.events(integrationId, filters),
    queryFn: () => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
      return apiFetch<Page<SyncEventDto>>(`${base(integrationId)}/sync_events/?${params}`);
    },
    retry: false,
  });

export const startSync = (integrationId: string, body: StartSyncBody) =>
  apiFetch<StartSyncResult>(`${base(integrationId)}/sync/`, { method: "POST", json: body });

export const updateStructure = (integrationId: string) => apiFetch<unknown>(`${base(integrationId)}/update_structure/`, { method: "POST", json: {} });

export const retrySyncEvent = (integrationId: string, eventId: string) =>
  apiFetch<unknown>(`${base(integrationId)}/sync_events/${eventId}/retry/`, { method: "POST", json: {} });

/** The fix an engine stored with a failed event, if any. */
export const fixOf = (event: SyncEventDto): string | null => {
  const fix = event.metadata?.fix;
  return typeof fix === "string" && fix ? fix : null;
};
