/** What a handler answers; the server validates it against the spec before sending it. */
export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** What a handler gets: path parameters, the query as sent (`lastUpdated[gte]` kept flat), the JSON body. */
export type Call = {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The caller's token (already checked). */
  token: string;
  /** This server's own origin, for upload URLs and hosted files. */
  origin: string;
};

/** Webflow's error body. */
export function fail(status: number, code: string, message: string, details: unknown[] = []): Answer {
  return { status, body: { code, message, externalReference: null, details } };
}

export const ok = (body: unknown, status = 200): Answer => ({ status, body });
export const noContent = (): Answer => ({ status: 204 });

/** Bulk endpoints take at most 100 items (stated in Webflow's prose, not in the schema). */
export function overLimit(list: unknown[] | undefined, what: string): Answer | undefined {
  if (list && list.length > 100) return fail(400, "validation_error", `At most 100 ${what} per request.`);
  return undefined;
}
