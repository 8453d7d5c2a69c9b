import "server-only";
import type { Db } from "@/db/client";
import type { Site, SiteIntegration } from "@/db/tables";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import type { PlatformAdapter, PlatformFetch, PlatformSession } from "@/lib/platforms/types";
import { createLimiter, type Limiter } from "@/lib/server/concurrency";
import { egressFetch } from "@/lib/server/egress";
import { logInfo } from "@/lib/server/log";
import { markingUnreadable } from "@/lib/server/services/credentials-unreadable";
import { platformOf } from "@/lib/server/services/integrations";
import { siteIntegrations } from "@/db/tables";
import { eq } from "drizzle-orm";
import {
  hasOwnCredentials,
  openIntegrationCredentials,
  sealCredentials,
} from "@/lib/server/services/integration-credentials";

/** Everything one sync step needs: the tenant, the integration, its platform session, counters. */
export type SyncContext = {
  db: Db;
  accountId: string;
  integration: SiteIntegration;
  site: Site;
  adapter: PlatformAdapter;
  session: PlatformSession;
  /** Requests in flight to this site from this process stay under this. */
  concurrency: number;
  runId?: string;
  /** How changes found here are recorded: a pull run's or a webhook's. */
  eventType?: "content_pull" | "webhook";
  stats: { retries: number };
  /** Platform media id → source URL, filled as the sync meets them. */
  mediaUrls: Map<string, string>;
  /** Media lookups in flight (two writers meeting the same new image share one request). */
  mediaLookups: Map<string, Promise<void>>;
  /** Items whose push claim this context holds right now (push-claims.ts). */
  pushClaims: Set<string>;
};

const limiters = new Map<string, Limiter>();

export function siteConcurrency(): number {
  const value = Number(process.env.SYNC_SITE_CONCURRENCY ?? 4);
  return Number.isInteger(value) && value > 0 ? value : 4;
}

function limiterFor(origin: string): Limiter {
  let limiter = limiters.get(origin);
  if (!limiter) {
    limiter = createLimiter(siteConcurrency());
    limiters.set(origin, limiter);
  }
  return limiter;
}

/**
 * The egress a session gets: `egress` (the SSRF-safe egressFetch) under a per-site concurrency
 * cap, with a log line plus a count for every failed attempt (the adapter retries them with
 * backoff, honouring Retry-After).
 */
export function siteFetch(
  stats: SyncContext["stats"],
  label: string,
  egress: PlatformFetch = egressFetch,
): PlatformFetch {
  return async (url, init = {}) => {
    const target = new URL(url);
    const release = await limiterFor(target.origin).acquire();
    const query = target.search.length > 120 ? "?…" : target.search;
    const what = `${(init.method ?? "GET").toUpperCase()} ${target.pathname}${query}`;
    try {
      const res = await egress(url, init);
      if (res.status === 429 || res.status >= 500) {
        stats.retries++;
        const retryAfter = res.headers.get("retry-after");
        logInfo(`sync ${label}: ${what} answered ${res.status}${retryAfter ? ` (Retry-After ${retryAfter})` : ""}`);
      }
      return res;
    } catch (error) {
      stats.retries++;
      logInfo(`sync ${label}: ${what} failed: ${(error as Error).message}`);
      throw error;
    } finally {
      release();
    }
  };
}

/** The integration's adapter, when this build supports its platform. */
export const adapterOf = (integration: SiteIntegration): PlatformAdapter => getPlatformAdapter(platformOf(integration));

/**
 * Opens the integration's credentials into a session. No credentials answer auth_failed; a
 * stored secret that does not decrypt answers credentials_unreadable and marks the integration
 * in error (every sync, publish, retry, resolution and webhook import starts here). `egress`
 * replaces the SSRF-safe egress (tests that race an edit against a request).
 */
export async function openSession(
  db: Db,
  params: {
    integration: SiteIntegration;
    site: Site;
    fetch: PlatformFetch;
    retry?: { retries?: number; baseDelayMs?: number };
    timeoutMs?: number;
    onWait?: (ms: number) => void;
  },
): Promise<PlatformSession> {
  const { integration, site } = params;
  const adapter = adapterOf(integration);
  const credentials = await markingUnreadable(db, integration, () => openIntegrationCredentials(integration, site));
  return adapter.connect({
    siteUrl: integration.externalSiteUrl,
    credentials,
    config: integration.configJson,
    // A token the session renewed (OAuth refresh, client credentials) is sealed in place of the old one.
    saveCredentials: hasOwnCredentials(integration)
      ? async (renewed) => {
          const credentialsJson = sealCredentials(integration, renewed);
          await db.update(siteIntegrations).set({ credentialsJson }).where(eq(siteIntegrations.id, integration.id));
        }
      : undefined,
    http: params.fetch,
    concurrency: siteConcurrency(),
    retry: params.retry,
    timeoutMs: params.timeoutMs,
    onWait: params.onWait,
  });
}

export async function createSyncContext(
  db: Db,
  params: {
    integration: SiteIntegration;
    site: Site;
    runId?: string;
    eventType?: SyncContext["eventType"];
    retry?: { baseDelayMs?: number };
    egress?: PlatformFetch;
    /** Told of the session's waits for the platform's rate limit (a run records them: run-wait.ts). */
    onWait?: (ms: number) => void;
  },
): Promise<SyncContext> {
  const stats = { retries: 0 };
  const { integration, site } = params;
  const session = await openSession(db, {
    integration,
    site,
    fetch: siteFetch(stats, params.runId ?? integration.id, params.egress),
    retry: { retries: 4, baseDelayMs: params.retry?.baseDelayMs ?? 500 },
    timeoutMs: 60_000,
    onWait: params.onWait,
  });
  return {
    db,
    accountId: integration.accountId,
    integration,
    site,
    adapter: adapterOf(integration),
    session,
    concurrency: siteConcurrency(),
    runId: params.runId,
    eventType: params.eventType,
    stats,
    mediaUrls: new Map(),
    mediaLookups: new Map(),
    pushClaims: new Set(),
  };
}
