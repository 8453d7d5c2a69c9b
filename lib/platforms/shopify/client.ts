import "server-only";
import { createAdminApiClient, type AdminApiClient } from "@shopify/admin-api-client";
import { PlatformError, type PlatformFetch } from "@/lib/platforms/types";
import type { TokenSource } from "./credentials";
import { fromGraphQLErrors, fromStatus, fromTransportError } from "./errors";
import { costSchema, graphQLErrorSchema } from "./schemas";
import { CostPacer } from "./throttle";

/** The Admin API version every request is pinned to (the vendored schema's). */
export const SHOPIFY_API_VERSION = "2026-10";

export type ShopifyClientOptions = {
  siteUrl: string;
  http: PlatformFetch;
  tokens: TokenSource;
  /** Extra attempts on 429/5xx/network failures (THROTTLED is always waited out). Default 4. */
  retries?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of every wait for Shopify's rate limit (pacing, THROTTLED, a 429's Retry-After). */
  onWait?: (ms: number) => void;
};

export type ShopifyClient = {
  /** Runs one named operation and returns its `data`; throws PlatformError. */
  request<T = Record<string, unknown>>(operation: string, variables?: Record<string, unknown>): Promise<T>;
  /** How many times a THROTTLED answer was waited out (the dashboard's "waiting for Shopify's rate limit"). */
  readonly throttledCount: number;
};

const MAX_THROTTLED = 20;
const operationName = (op: string) => /(?:query|mutation)\s+(\w+)/.exec(op)?.[1] ?? "anonymous";

/**
 * GraphQL through `@shopify/admin-api-client`, its fetch being the engine's egress: the client builds
 * `https://<host>/admin/api/2026-10/graphql.json`; the request goes to the stored site's origin.
 */
export function createShopifyClient(options: ShopifyClientOptions): ShopifyClient {
  const site = new URL(options.siteUrl);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // A wait for the rate limit (not a backoff after a failure) is reported before it starts.
  const waitForLimit = (ms: number) => (options.onWait?.(ms), sleep(ms));
  const pacer = new CostPacer(waitForLimit);
  const retries = options.retries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  let throttledCount = 0;
  let client: { token: string; api: AdminApiClient } | undefined;

  // The graphql-client rethrows a failed fetch as a bare Error; keep the egress's own error per request (by signal).
  const transportErrors = new WeakMap<AbortSignal, unknown>();
  const customFetchApi = async (url: string | URL | Request, init?: RequestInit) => {
    const target = new URL(String(url));
    try {
      return await options.http(new URL(target.pathname + target.search, site.origin), {
        ...init,
        timeoutMs: options.timeoutMs ?? 30_000,
      });
    } catch (err) {
      if (init?.signal) transportErrors.set(init.signal, err);
      throw err;
    }
  };
  const apiFor = (token: string) => {
    if (client?.token !== token) {
      const api = createAdminApiClient({
        storeDomain: site.host,
        apiVersion: SHOPIFY_API_VERSION,
        accessToken: token,
        customFetchApi: customFetchApi as never,
        retries: 0,
        logger: () => {},
      });
      client = { token, api };
    }
    return client.api;
  };

  async function request<T>(operation: string, variables?: Record<string, unknown>): Promise<T> {
    const name = operationName(operation);
    let failures = 0;
    let throttled = 0;
    let renewed = false;
    for (;;) {
      const held = await pacer.acquire(name);
      let res: Response;
      const signal = new AbortController().signal;
      try {
        res = await apiFor(await options.tokens.get()).fetch(operation, { variables, signal });
      } catch (err) {
        pacer.release(name, held, undefined);
        const mapped = fromTransportError(transportErrors.get(signal) ?? err);
        if (mapped.retryable && failures++ < retries) {
          await sleep(baseDelayMs * 2 ** (failures - 1));
          continue;
        }
        throw mapped;
      }
      const text = await res.text();
      let body: { data?: unknown; errors?: unknown; extensions?: { cost?: unknown } } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = undefined;
      }
      const cost = costSchema.safeParse(body?.extensions?.cost);
      pacer.release(name, held, cost.success ? cost.data : undefined);
      const errors = graphQLErrorSchema.array().safeParse(body?.errors);
      if (errors.success && errors.data.some((e) => e.extensions?.code === "THROTTLED")) {
        throttledCount++;
        if (throttled++ >= MAX_THROTTLED)
          throw new PlatformError("rate_limited", "Shopify kept answering THROTTLED.", { retryable: true });
        await waitForLimit(pacer.throttledWait(cost.success ? cost.data : undefined));
        continue;
      }
      if (res.status === 401 && options.tokens.canRenew && !renewed) {
        renewed = true;
        await options.tokens.renew();
        continue;
      }
      if (!res.ok) {
        const retryAfter = Number(res.headers.get("retry-after"));
        const mapped = fromStatus(res.status, text, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
        if (mapped.retryable && failures++ < retries) {
          const delay = mapped.retryAfterMs ?? baseDelayMs * 2 ** (failures - 1);
          await (mapped.code === "rate_limited" ? waitForLimit : sleep)(delay);
          continue;
        }
        throw mapped;
      }
      if (!body || typeof body !== "object")
        throw new PlatformError("invalid_response", "Shopify's answer was not JSON.", { platformCode: "not_json" });
      if (errors.success && errors.data.length) throw fromGraphQLErrors(errors.data);
      if (!body.data) throw new PlatformError("invalid_response", "Shopify's answer has no data.");
      return body.data as T;
    }
  }

  return {
    request,
    get throttledCount() {
      return throttledCount;
    },
  };
}
