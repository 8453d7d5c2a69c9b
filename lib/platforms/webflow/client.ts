import "server-only";
import type { WebflowClient } from "webflow-api";
import { fromWebflowError } from "./errors";

type Sdk = typeof import("webflow-api");
let loading: Promise<Sdk> | undefined;
/** The SDK loads on first use: a process that never talks to Webflow does not carry it (~15 MB). */
const loadSdk = () => (loading ??= import("webflow-api"));

/** Webflow's API host is fixed; tests point the client at the test server. */
export const WEBFLOW_API_BASE_URL = "https://api.webflow.com/v2";

/** A call of the webflow-api client that can also give its raw answer (for the rate-limit headers). */
type RawCall<T> = { withRawResponse(): Promise<{ data: T; rawResponse: { headers: Headers } }> };

export type WebflowApiOptions = {
  token: string;
  baseUrl?: string;
  /** Webflow counts requests per minute; tests use a shorter window. */
  rateWindowMs?: number;
  /** 429s waited out before giving up. */
  maxRateLimitWaits?: number;
  timeoutMs?: number;
  /** Told of every wait for the budget (pacing or a 429's Retry-After). */
  onWait?: (ms: number) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The official client with our own pacing: it never retries by itself (a create re-sent after a
 * lost answer would duplicate the item), keeps under the per-minute budget using
 * X-RateLimit-Remaining, and waits out a 429 as Retry-After says (a 429 wrote nothing, so even a
 * create may be sent again).
 */
export function createWebflowApi(options: WebflowApiOptions) {
  const ready = loadSdk().then((sdk) => ({
    sdk,
    client: new sdk.WebflowClient({
      accessToken: options.token,
      baseUrl: options.baseUrl ?? WEBFLOW_API_BASE_URL,
      maxRetries: 0,
      timeoutInSeconds: Math.ceil((options.timeoutMs ?? 30_000) / 1000),
    }),
  }));
  ready.catch(() => undefined); // awaited by every call, which reports a failure
  const windowMs = options.rateWindowMs ?? 60_000;
  const budget = { limit: 0, remaining: Infinity, at: 0 };
  const stats = { requests: 0, rateLimited: 0, waitedMs: 0 };

  /** Spreads what is left of the budget over what is left of the window once it runs low. */
  async function pace() {
    if (budget.remaining > Math.max(2, budget.limit / 10)) return;
    const elapsed = Date.now() - budget.at;
    const wait = budget.remaining <= 0 ? windowMs - elapsed : (windowMs - elapsed) / Math.max(1, budget.remaining);
    if (wait > 0) {
      stats.waitedMs += wait;
      options.onWait?.(wait);
      await sleep(wait);
    }
    if (Date.now() - budget.at >= windowMs) budget.remaining = Infinity;
  }

  function note(headers: Headers | undefined) {
    const remaining = Number(headers?.get("x-ratelimit-remaining"));
    const limit = Number(headers?.get("x-ratelimit-limit"));
    if (!Number.isFinite(remaining) || headers?.get("x-ratelimit-remaining") === null) return;
    if (remaining > budget.remaining || budget.at === 0 || Date.now() - budget.at >= windowMs) budget.at = Date.now();
    budget.remaining = remaining;
    if (Number.isFinite(limit)) budget.limit = limit;
  }

  async function call<T>(send: (c: WebflowClient) => RawCall<T>): Promise<T> {
    const { sdk, client } = await ready;
    for (let waits = 0; ; waits++) {
      await pace();
      stats.requests++;
      try {
        const { data, rawResponse } = await send(client).withRawResponse();
        note(rawResponse.headers);
        return data;
      } catch (raw) {
        const error = fromWebflowError(raw, sdk);
        note((raw as { rawResponse?: { headers: Headers } }).rawResponse?.headers);
        if (error.code !== "rate_limited" || waits >= (options.maxRateLimitWaits ?? 5)) throw error;
        stats.rateLimited++;
        const wait = error.retryAfterMs ?? windowMs;
        stats.waitedMs += wait;
        options.onWait?.(wait);
        await sleep(wait);
        budget.remaining = Infinity;
      }
    }
  }

  return { call, stats, budget };
}

export type WebflowApi = ReturnType<typeof createWebflowApi>;
