import "server-only";
import type { Db } from "@/db/client";
import type { Site, SiteIntegration } from "@/db/tables";
import { PlatformError } from "@/lib/platforms/types";
import type { WordPressClient } from "@/lib/platforms/wordpress/client";
import { egressFetch, type EgressFetch } from "@/lib/server/egress";
import { logInfo } from "@/lib/server/log";
import { markingUnreadable } from "@/lib/server/services/credentials-unreadable";
import { wordPressClientForSite } from "@/lib/server/services/wordpress-credentials";
import { createLimiter, type Limiter } from "./limiter";

/** Everything one sync step needs: the tenant, the integration, a WordPress client, counters. */
export type SyncContext = {
  db: Db;
  accountId: string;
  integration: SiteIntegration;
  site: Site;
  client: WordPressClient;
  /** Requests in flight to this site from this process stay under this. */
  concurrency: number;
  runId?: string;
  /** How changes found here are recorded: a pull run's or a webhook's. */
  eventType?: "content_pull" | "webhook";
  stats: { retries: number };
  /** WordPress media id → source URL, filled as the sync meets them. */
  mediaUrls: Map<number, string>;
  /** Media lookups in flight (two writers meeting the same new image share one request). */
  mediaLookups: Map<number, Promise<void>>;
  /** Whether the IGNY8 Connector plugin is active on the site (exactly-once lookups). */
  hasPlugin: () => Promise<boolean>;
  /** The plugin's status document (`GET /igny8/v1/status`), null when it is not active; read once. */
  pluginStatus: () => Promise<PluginStatusDoc | null>;
  /** Items whose push claim this context holds right now (push-claims.ts). */
  pushClaims: Set<string>;
};

/** What the sync reads of the plugin's status: its SEO support (1.2.0 and later). */
export type PluginStatusDoc = { version?: string; seo?: { meta?: unknown; active?: unknown } };

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
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
 * egressFetch with a per-site concurrency cap, our origin header on writes (the plugin marks the
 * resulting webhook as our echo), and a log line plus a count for every failed attempt (the
 * client retries them with backoff, honouring Retry-After).
 */
function syncFetch(stats: SyncContext["stats"], label: string): EgressFetch {
  return async (url, init = {}) => {
    const target = new URL(url);
    const release = await limiterFor(target.origin).acquire();
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    if (WRITE_METHODS.has(method)) headers.set("x-igny8-origin", "igny8");
    const what = `${method} ${target.pathname}${target.searchParams.get("rest_route") ?? ""}`;
    try {
      const res = await egressFetch(url, { ...init, headers });
      if (res.status === 429 || res.status >= 500) {
        stats.retries++;
        logInfo(`sync ${label}: ${what} answered ${res.status}${res.headers.get("retry-after") ? ` (Retry-After ${res.headers.get("retry-after")})` : ""}`);
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

/**
 * Opens the site's credentials into a sync context. No credentials answer auth_failed; an
 * Application Password that does not decrypt answers credentials_unreadable and marks the
 * integration in error (every sync, publish, retry, resolution and webhook import starts here).
 */
export async function createSyncContext(
  db: Db,
  params: { integration: SiteIntegration; site: Site; runId?: string; eventType?: SyncContext["eventType"]; retry?: { baseDelayMs?: number } },
): Promise<SyncContext> {
  const stats = { retries: 0 };
  const { integration, site } = params;
  const client = await markingUnreadable(db, integration, () =>
    wordPressClientForSite(site, integration.externalSiteUrl, {
      fetchImpl: syncFetch(stats, params.runId ?? integration.id),
      retry: { retries: 4, baseDelayMs: params.retry?.baseDelayMs ?? 500 },
      timeoutMs: 60_000,
    }),
  );
  let plugin: Promise<PluginStatusDoc | null> | undefined;
  const pluginStatus = () =>
    (plugin ??= client
      .request<PluginStatusDoc>("GET", "/igny8/v1/status")
      .then(({ data }) => data ?? {})
      .catch((error) => {
        if (error instanceof PlatformError && (error.code === "not_found" || error.code === "forbidden")) return null;
        plugin = undefined;
        throw error;
      }));
  return {
    db,
    accountId: integration.accountId,
    integration,
    site,
    client,
    concurrency: siteConcurrency(),
    runId: params.runId,
    eventType: params.eventType,
    stats,
    mediaUrls: new Map(),
    mediaLookups: new Map(),
    pushClaims: new Set(),
    hasPlugin: () => pluginStatus().then((status) => status !== null),
    pluginStatus,
  };
}
