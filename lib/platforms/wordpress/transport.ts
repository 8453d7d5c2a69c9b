import "server-only";
import type { z } from "zod";
import { EgressError, type EgressFetch } from "@/lib/server/egress";
import { PlatformError } from "@/lib/platforms/types";
import { fromEgressError, fromHttpError, looksLikeHtml, FIX } from "@/lib/platforms/wordpress/errors";
import type { Query } from "./rest-url";

export type RetryOptions = {
  /** Extra attempts after the first. Default 3. */
  retries?: number;
  /** First backoff; doubles each attempt, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap for backoff and Retry-After. Default 30 s. */
  maxDelayMs?: number;
};

export type RequestOptions = {
  query?: Query;
  /** JSON body. */
  json?: unknown;
  /** Raw body (media uploads). */
  body?: Uint8Array | string;
  headers?: Record<string, string>;
  /** Whether a repeat is harmless: retried on 5xx/timeouts/resets. Default: true except for POST. */
  idempotent?: boolean;
  maxBytes?: number;
};

export type WpResponse<T> = { data: T; status: number; headers: Headers };

/** What one exchange answered: status, headers, the body as text and the final URL. */
export type RawResponse = { status: number; headers: Headers; text: string; url: string };

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * HTTP with the site's credentials: retries with exponential backoff and jitter (honouring
 * Retry-After) on 429/5xx, timeouts and resets, for requests whose repeat is harmless.
 */
export function createTransport(options: {
  fetchImpl: EgressFetch;
  timeoutMs: number;
  retry?: RetryOptions;
  authorization: string;
}) {
  const { fetchImpl, timeoutMs, authorization } = options;
  const { retries = 3, baseDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {};

  function backoff(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxDelayMs);
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return exp / 2 + Math.random() * (exp / 2);
  }

  /** One HTTP exchange with retries; returns status, headers and body text. */
  async function send(method: string, url: string, opts: RequestOptions & { accept?: string }): Promise<RawResponse> {
    const idempotent = opts.idempotent ?? method !== "POST";
    const headers: Record<string, string> = {
      accept: opts.accept ?? "application/json",
      authorization,
      ...opts.headers,
    };
    let body: Uint8Array | string | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] = "application/json";
    }
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      let text: string;
      try {
        res = await fetchImpl(url, {
          method,
          headers,
          body: body as BodyInit | undefined,
          timeoutMs,
          maxBytes: opts.maxBytes ?? 20 * 1024 * 1024,
        });
        text = await res.text();
      } catch (err) {
        if (!(err instanceof EgressError)) throw err;
        const mapped = fromEgressError(err);
        if (mapped.retryable && idempotent && attempt < retries) {
          await sleep(backoff(attempt));
          continue;
        }
        throw mapped;
      }
      const retryable = RETRY_STATUSES.has(res.status) && (idempotent || res.status === 429 || res.status === 503);
      if (retryable && attempt < retries) {
        const mapped = fromHttpError(res.status, res.headers.get("content-type"), text, res.headers.get("retry-after"));
        await sleep(backoff(attempt, mapped.retryAfterMs));
        continue;
      }
      return { status: res.status, headers: res.headers, text, url: res.url || url };
    }
  }

  return { send };
}

/** The JSON of a successful answer, checked against `schema`; WordPress's errors as PlatformError. */
export function parseJson<T>(result: RawResponse, schema?: z.ZodType<T>): WpResponse<T> {
  const { status, headers, text } = result;
  if (status < 200 || status >= 300)
    throw fromHttpError(status, headers.get("content-type"), text, headers.get("retry-after"));
  if (looksLikeHtml(headers.get("content-type"), text)) {
    throw new PlatformError(
      "rest_blocked",
      `Expected JSON from the WordPress REST API but got an HTML page (${new URL(result.url).pathname}).`,
      {
        status,
        platformCode: "html_instead_of_json",
        fix: FIX.restBlocked,
      },
    );
  }
  let data: unknown;
  try {
    data = text === "" ? null : JSON.parse(text);
  } catch {
    throw new PlatformError("invalid_response", "WordPress sent a response that is not valid JSON.", { status });
  }
  if (!schema) return { data: data as T, status, headers };
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new PlatformError(
      "invalid_response",
      `Unexpected WordPress response shape: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      { status },
    );
  }
  return { data: parsed.data, status, headers };
}
