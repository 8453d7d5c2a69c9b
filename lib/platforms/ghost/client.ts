import "server-only";
import type { z } from "zod";
import { EgressError } from "@/lib/server/egress";
import { PlatformError, type PlatformFetch } from "@/lib/platforms/types";
import { createTokenSource, type GhostKey } from "./auth";
import { fromEgressError, fromHttpError } from "./errors";

export type Query = Record<string, string | number | undefined>;

export type GhostRequest = {
  query?: Query;
  /** JSON body. */
  json?: unknown;
  /** Multipart body (image uploads). */
  form?: FormData;
  /** Whether a repeat is harmless: retried on 5xx and dropped connections. Default: all but POST. */
  idempotent?: boolean;
  /** Leave the Authorization header out (`/site/` needs none). */
  anonymous?: boolean;
};

export type GhostClientOptions = {
  siteUrl: string;
  key: GhostKey | undefined;
  http: PlatformFetch;
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number };
  timeoutMs?: number;
};

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a user typed as the site's address: origin + path, no trailing slash, no /ghost/ suffix. */
export function normaliseSiteUrl(input: string): string {
  const fix = "Enter the site's address, e.g. https://example.com.";
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new PlatformError("invalid_url", `"${input}" is not a web address.`, { fix });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new PlatformError("invalid_url", "The site address must start with http:// or https://.", { fix });
  url.hash = "";
  url.search = "";
  url.pathname = url.pathname.replace(/\/ghost(\/.*)?$/, "").replace(/\/+$/, "");
  return url.toString().replace(/\/+$/, "");
}

/**
 * The Admin API over the engine's egress: a fresh token per two minutes, `Accept-Version: v5.0`
 * (so an endpoint this Ghost lacks answers 406), retries with backoff on 429/5xx honouring
 * Retry-After, and Ghost's errors as PlatformError.
 */
export function createGhostClient(options: GhostClientOptions) {
  const siteUrl = normaliseSiteUrl(options.siteUrl);
  const apiRoot = `${siteUrl}/ghost/api/admin/`;
  const token = options.key ? createTokenSource(options.key) : undefined;
  const { retries = 3, baseDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {};
  const timeoutMs = options.timeoutMs ?? 30_000;

  const backoff = (attempt: number, retryAfterMs?: number) => {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxDelayMs);
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return exp / 2 + Math.random() * (exp / 2);
  };

  function urlOf(path: string, query: Query = {}): string {
    const url = new URL(path.replace(/^\/+/, ""), apiRoot);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  /** One exchange with retries; the body as text (empty for 204). */
  async function send(method: string, path: string, opts: GhostRequest = {}) {
    const idempotent = opts.idempotent ?? method !== "POST";
    const url = urlOf(path, opts.query);
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: "application/json", "accept-version": "v5.0" };
      if (!opts.anonymous) {
        if (!token) throw new PlatformError("auth_failed", "This site has no Ghost Admin API key.");
        headers.authorization = await token();
      }
      if (opts.json !== undefined) headers["content-type"] = "application/json";
      const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.form;
      let res: Response;
      let text: string;
      try {
        res = await options.http(url, { method, headers, body, timeoutMs, maxBytes: 50 * 1024 * 1024 });
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
      if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, text };
      const error = fromHttpError(res.status, text, res.headers.get("retry-after"));
      // A 429 or 503 was refused before any work was done, so even a create may be sent again.
      const retryable = RETRY_STATUSES.has(res.status) && (idempotent || res.status === 429 || res.status === 503);
      if (!retryable || attempt >= retries) throw error;
      await sleep(backoff(attempt, error.retryAfterMs));
    }
  }

  /** The JSON of a successful answer, checked against `schema`. */
  async function request<T>(method: string, path: string, schema: z.ZodType<T>, opts: GhostRequest = {}): Promise<T> {
    const { status, text } = await send(method, path, opts);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new PlatformError("invalid_response", `Ghost answered ${path} with something that is not JSON.`, {
        status,
        platformCode: "not_json",
      });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PlatformError(
        "invalid_response",
        `Unexpected Ghost answer from ${path}: ${issue?.path.join(".")} ${issue?.message ?? "invalid"}`,
        { status },
      );
    }
    return parsed.data;
  }

  return { siteUrl, apiRoot, send, request };
}

export type GhostClient = ReturnType<typeof createGhostClient>;
