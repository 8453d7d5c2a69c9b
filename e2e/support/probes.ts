/** A request to an endpoint that addresses a resource, for tenancy and authentication checks. */
export type Probe = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: (ids: Ids) => string; data?: unknown };
export type Ids = { siteId: string; apiKeyId: string };

/** Every endpoint under /api/v1/integration/{id}/: add each new one here. */
export function integrationProbes(id: () => string): Probe[] {
  return [
    { method: "GET", path: () => `/api/v1/integration/${id()}/` },
    {
      method: "PUT",
      path: () => `/api/v1/integration/${id()}/`,
      data: { external_site_url: "https://x.example.com", username: "u" },
    },
    { method: "PATCH", path: () => `/api/v1/integration/${id()}/`, data: { is_active: false } },
    { method: "POST", path: () => `/api/v1/integration/${id()}/test_connection/` },
    {
      method: "POST",
      path: () => `/api/v1/integration/${id()}/test_collection_connection/`,
      data: { content_type: "post" },
    },
    { method: "GET", path: () => `/api/v1/integration/${id()}/content_types/` },
    { method: "POST", path: () => `/api/v1/integration/${id()}/update_structure/` },
    { method: "DELETE", path: () => `/api/v1/integration/${id()}/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/sync_schedule/` },
    { method: "PATCH", path: () => `/api/v1/integration/${id()}/sync_schedule/`, data: { interval_minutes: 15 } },
    { method: "POST", path: () => `/api/v1/integration/${id()}/sync/`, data: { direction: "pull" } },
    { method: "GET", path: () => `/api/v1/integration/${id()}/sync_status/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/sync_health/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/sync_events/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/sync_runs/` },
    { method: "POST", path: () => `/api/v1/integration/${id()}/sync_events/${crypto.randomUUID()}/retry/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/conflicts/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/conflict_policy/` },
    { method: "PATCH", path: () => `/api/v1/integration/${id()}/conflict_policy/`, data: { policy: "igny8_wins" } },
    { method: "GET", path: () => `/api/v1/integration/${id()}/webhooks/` },
    { method: "POST", path: () => `/api/v1/integration/${id()}/webhooks/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/collections/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/collections/64f0c0ffee0000000000beef/fields/` },
    { method: "GET", path: () => `/api/v1/integration/${id()}/destinations/` },
    { method: "POST", path: () => `/api/v1/integration/${id()}/destinations/`, data: { title: "Intruder's blog" } },
  ];
}
