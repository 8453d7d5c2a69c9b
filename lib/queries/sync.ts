import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { Page } from "@/lib/schemas/common";

import type {
  PublishResult,
  StartSyncBody,
  StartSyncResult,
  SyncEventDto as ApiSyncEventDto,
  SyncHealthDto,
  SyncRunDto,
  SyncStatusDto,
} from "@/lib/schemas/sync";

export type { PublishResult, StartSyncBody, StartSyncResult, SyncHealthDto, SyncRunDto, SyncStatusDto };
/** A sync event; the dashboard's first render adds the item's title. */
export type SyncEventDto = ApiSyncEventDto & { content_title?: string | null };

export type SyncEventFilters = {
  status?: string;
  direction?: string;
  event_type?: string;
  page?: number;
  page_size?: number;
};

const base = (integrationId: string) => `/api/v1/integration/${integrationId}`;

/** A run is live until it has a finish time; the status says "syncing" meanwhile. */
export const isSyncRunning = (status: SyncStatusDto | undefined) =>
  !!status &&
  (status.status === "syncing" ||
    (!!status.run && !status.run.finished_at && status.run.status !== "failed" && status.run.status !== "completed"));

export const syncKeys = {
  all: (integrationId: string) => ["integration", integrationId] as const,
  status: (integrationId: string) => ["integration", integrationId, "sync_status"] as const,
  health: (integrationId: string) => ["integration", integrationId, "sync_health"] as const,
  runs: (integrationId: string) => ["integration", integrationId, "sync_runs"] as const,
  events: (integrationId: string, filters: SyncEventFilters) =>
    ["integration", integrationId, "sync_events", filters] as const,
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
      const params = new URLSearchParams(
        Object.entries(filters)
          .filter(([, v]) => v !== undefined && v !== "")
          .map(([k, v]) => [k, String(v)]),
      );
      return apiFetch<Page<SyncEventDto>>(`${base(integrationId)}/sync_events/?${params}`);
    },
    retry: false,
  });

export type StartSyncInput = Partial<StartSyncBody> & Pick<StartSyncBody, "direction">;

export const startSync = (integrationId: string, body: StartSyncInput) =>
  apiFetch<StartSyncResult>(`${base(integrationId)}/sync/`, { method: "POST", json: body });

export const updateStructure = (integrationId: string) =>
  apiFetch<unknown>(`${base(integrationId)}/update_structure/`, { method: "POST", json: {} });

export const retrySyncEvent = (integrationId: string, eventId: string) =>
  apiFetch<PublishResult>(`${base(integrationId)}/sync_events/${eventId}/retry/`, { method: "POST", json: {} });

/** The fix stored with a failed event, if any. */
export const fixOf = (event: SyncEventDto): string | null => {
  const fix = event.fix ?? event.metadata?.fix;
  return typeof fix === "string" && fix ? fix : null;
};

/** A failed event whose item was retried points at the retry's event. */
export const isRetried = (event: SyncEventDto) => typeof event.metadata?.retried_by === "string";
