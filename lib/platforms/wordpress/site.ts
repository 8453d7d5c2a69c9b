import "server-only";
import { z } from "zod";
import { PlatformError, type ConnectParams, type Credentials, type PlatformFetch } from "@/lib/platforms/types";
import { createWordPressClient, type WordPressClient } from "./client";
import type { WalkCursor } from "./cursor";

/** What a session's credentials are: the connect form's fields and what the site stores. */
export const wordpressCredentialsSchema = z.object({
  username: z.string().min(1),
  application_password: z.string().min(1),
});
export type WordPressCredentials = z.infer<typeof wordpressCredentialsSchema>;

/** Stored credentials as WordPress's; missing ones answer auth_failed (nothing to log in with). */
export function readCredentials(credentials: Credentials): WordPressCredentials {
  const parsed = wordpressCredentialsSchema.safeParse(credentials);
  if (!parsed.success) throw new PlatformError("auth_failed", "This site has no WordPress credentials.");
  return parsed.data;
}

/** One connected site, as the session's parts share it. */
export type WpSite = {
  client: WordPressClient;
  /** Requests to run at once (the engine's limiter holds any more). */
  concurrency: number;
  /** Whether the IGNY8 Connector plugin is active: its changes feed, write guard and lookups. */
  hasPlugin: () => Promise<boolean>;
  /** The plugin's status document (`GET /igny8/v1/status`), null without the plugin; read once. */
  pluginStatus: () => Promise<PluginStatusDoc | null>;
  /** A cursor never runs ahead of the site's clock (see clampCursor). */
  clamp: (cursor: WalkCursor) => Promise<WalkCursor>;
};

/** The plugin's status (`GET /igny8/v1/status`, also the answer of `POST /igny8/v1/connect`). */
export type PluginStatusDoc = {
  version?: string;
  configured?: boolean;
  webhook_url?: string;
  integration_id?: string;
  queue?: { pending: number; failed: number };
  last_deliveries?: unknown[];
  /** SEO support (1.2.0 and later): the meta keys are registered, and which SEO plugins are active. */
  seo?: { meta?: unknown; active?: unknown };
};

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Our origin on every write: the plugin marks the webhook that write causes as our echo. */
function withEchoMark(http: PlatformFetch): PlatformFetch {
  return (url, init = {}) => {
    if (!WRITE_METHODS.has((init.method ?? "GET").toUpperCase())) return http(url, init);
    const headers = new Headers(init.headers);
    headers.set("x-igny8-origin", "igny8");
    return http(url, { ...init, headers });
  };
}

export function openSite(params: ConnectParams): WpSite {
  const credentials = readCredentials(params.credentials);
  const client = createWordPressClient({
    siteUrl: params.siteUrl,
    username: credentials.username,
    applicationPassword: credentials.application_password,
    fetchImpl: withEchoMark(params.http),
    retry: params.retry,
    timeoutMs: params.timeoutMs,
  });
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
  const hasPlugin = () => pluginStatus().then((status) => status !== null);
  const clamp = (cursor: WalkCursor) => clampCursor(client, cursor);
  return { client, concurrency: params.concurrency ?? 4, hasPlugin, pluginStatus, clamp };
}

/**
 * WordPress gives a post created with a future date that date as `modified`, and a cursor past
 * it would skip every real edit until then. Five minutes of margin absorb clock skew; items
 * re-read inside it are not re-written.
 */
async function clampCursor(client: WordPressClient, cursor: WalkCursor): Promise<WalkCursor> {
  const offsetHours = Number((await client.discover()).index.gmt_offset ?? 0) || 0;
  const limit = new Date(Date.now() + offsetHours * 3_600_000 - 5 * 60_000).toISOString().slice(0, 19);
  return cursor.modified > limit ? { modified: limit, seen: [] } : cursor;
}
