/** Browser-side fetch for our own API: JSON in, JSON out, errors thrown with the API's message. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fix?: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = data?.error ?? {};
    throw new ApiClientError(
      res.status,
      error.code ?? "error",
      error.message ?? data?.message ?? `Request failed (${res.status})`,
      error.fix,
      error.details,
    );
  }
  return data as T;
}

/** Field errors of a 422 keyed by field name, for inline form messages. */
export function fieldErrors(error: unknown): Record<string, string> {
  // Only validation-shaped details name fields (a connection test's details are an object).
  if (!(error instanceof ApiClientError) || !Array.isArray(error.details)) return {};
  return Object.fromEntries(error.details.map((d) => [d.field, d.message]));
}
