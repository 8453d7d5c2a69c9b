import "server-only";
import type { z } from "zod";
import { EgressError, egressFetch, type EgressFetch } from "@/lib/server/egress";
import { PlatformError } from "@/lib/platforms/types";
import { fromEgressError, fromHttpError, looksLikeHtml, FIX } from "@/lib/platforms/wordpress/errors";
import {
  wpBatchOptionsSchema,
  wpBatchResponseSchema,
  wpIndexSchema,
  wpMediaSchema,
  wpPostSchema,
  wpTermSchema,
  wpTypesSchema,
  wpUserSchema,
  type WpIndex,
  type WpPost,
} from "@/lib/platforms/wordpress/schemas";
import { walkModified, type WalkOptions } from "@/lib/platforms/wordpress/cursor";

export type RetryOptions = {
  /** Extra attempts after the first. Default 3. */
  retries?: number;
  /** First backoff; doubles each attempt, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap for backoff and Retry-After. Default 30 s. */
  maxDelayMs?: number;
};

export type WordPressClientOptions = {
  siteUrl: string;
  username: string;
  applicationPassword: string;
  /** Defaults to the SSRF-safe egressFetch; anything given must keep its guarantees. */
  fetchImpl?: EgressFetch;
  retry?: RetryOptions;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Skip discovery when the REST root is already known (stored from a previous connect). */
  restUrl?: string;
};

type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;

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

/** Where the REST API lives and what its index says. */
export type Discovery = { restUrl: string; isPlainPermalinks: boolean; index: WpIndex; linkHeaderSeen: boolean };

const INDEX_FIELDS = "name,url,home,gmt_offset,timezone_string,namespaces,authentication";
const API_LINK = /<([^>]+)>\s*;\s*rel="https:\/\/api\.w\.org\/"/;
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Normalises what a user typed into a site origin + path without trailing slash. */
export function normaliseSiteUrl(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(siteUrl.trim()) ? siteUrl.trim() : `https://${siteUrl.trim()}`);
  } catch {
    throw new PlatformError("invalid_url", `"${siteUrl}" is not a web address.`, { fix: "Enter the site's address, e.g. https://example.com." });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PlatformError("invalid_url", "The site address must start with http:// or https://.", { fix: "Enter the site's address, e.g. https://example.com." });
  }
  url.hash = "";
  url.search = "";
  url.pathname = url.pathname.replace(/\/(wp-json|wp-admin|wp-login\.php|index\.php)(\/.*)?$/, "").replace(/\/+$/, "");
  return url.toString().replace(/\/+$/, "");
}

/** Builds a REST URL from the discovered root; plain-permalink roots take the route in `rest_route`. */
export function buildRestUrl(restUrl: string, route: string, query: Query = {}): string {
  const path = `/${route.replace(/^\/+/, "")}`;
  let url: URL;
  const root = new URL(restUrl);
  if (root.searchParams.has("rest_route")) {
    url = root;
    url.searchParams.set("rest_route", path);
  } else {
    url = new URL(path.slice(1), restUrl.endsWith("/") ? restUrl : `${restUrl}/`);
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return url.toString();
}

/** A collection route: "posts" → /wp/v2/posts; "wc/v3/products" is taken as a full route. */
export function collectionRoute(restBase: string): string {
  return restBase.includes("/") ? `/${restBase.replace(/^\/+/, "")}` : `/wp/v2/${restBase}`;
}

export function createWordPressClient(options: WordPressClientOptions) {
  const siteUrl = normaliseSiteUrl(options.siteUrl);
  const fetchImpl = options.fetchImpl ?? egressFetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { retries = 3, baseDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {};
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.applicationPassword}`).toString("base64")}`;
  let discovery: Promise<Discovery> | undefined;
  let batchMax: Promise<number> | undefined;

  function backoff(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxDelayMs);
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return exp / 2 + Math.random() * (exp / 2);
  }

  /** One HTTP exchange with retries; returns status, headers and body text. */
  async function send(method: string, url: string, opts: RequestOptions & { accept?: string }) {
    const idempotent = opts.idempotent ?? method !== "POST";
    const headers: Record<string, string> = { accept: opts.accept ?? "application/json", authorization, ...opts.headers };
    let body: Uint8Array | string | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] = "application/json";
    }
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      let text: string;
      try {
        res = await fetchImpl(url, { method, headers, body: body as BodyInit | undefined, timeoutMs, maxBytes: opts.maxBytes ?? 20 * 1024 * 1024 });
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

  function parseJson<T>(
    result: { status: number; headers: Headers; text: string; url: string },
    schema?: z.ZodType<T>,
  ): WpResponse<T> {
    const { status, headers, text } = result;
    if (status < 200 || status >= 300) throw fromHttpError(status, headers.get("content-type"), text, headers.get("retry-after"));
    if (looksLikeHtml(headers.get("content-type"), text)) {
      throw new PlatformError("rest_blocked", `Expected JSON from the WordPress REST API but got an HTML page (${new URL(result.url).pathname}).`, {
        status,
        platformCode: "html_instead_of_json",
        fix: FIX.restBlocked,
      });
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
      throw new PlatformError("invalid_response", `Unexpected WordPress response shape: ${parsed.error.issues[0]?.message ?? "invalid"}`, { status });
    }
    return { data: parsed.data, status, headers };
  }

  /** Finds the REST root: /wp-json/, then the `Link rel="https://api.w.org/"` root, then ?rest_route=/. */
  async function discoverOnce(): Promise<Discovery> {
    const candidates = options.restUrl ? [options.restUrl] : [`${siteUrl}/wp-json/`];
    let linkHeaderSeen = false;
    let blocked: PlatformError | undefined;
    let lastError: PlatformError | undefined;
    const tried = new Set<string>();
    for (let i = 0; i < candidates.length && i < 4; i++) {
      const root = candidates[i];
      if (tried.has(root)) continue;
      tried.add(root);
      const result = await send("GET", buildRestUrl(root, "/", { _fields: INDEX_FIELDS }), {});
      const link = API_LINK.exec(result.headers.get("link") ?? "")?.[1];
      if (link) {
        linkHeaderSeen = true;
        candidates.push(new URL(link, result.url).toString());
      }
      try {
        const { data } = parseJson(result, wpIndexSchema);
        if (data.namespaces || data.authentication || data.url) {
          return { restUrl: root, isPlainPermalinks: new URL(root).searchParams.has("rest_route"), index: data, linkHeaderSeen };
        }
        lastError = new PlatformError("invalid_response", "The address answered with JSON, but not a WordPress REST index.", { platformCode: "not_wordpress" });
      } catch (err) {
        if (!(err instanceof PlatformError)) throw err;
        if (err.code === "auth_failed" || err.code === "rate_limited") throw err;
        if (err.code === "rest_blocked" && (result.status === 403 || linkHeaderSeen)) blocked ??= err;
        lastError = err;
      }
      if (i === candidates.length - 1 && !linkHeaderSeen && !tried.has(`${siteUrl}/?rest_route=/`)) {
        candidates.push(`${siteUrl}/?rest_route=/`);
      }
    }
    if (blocked) throw blocked;
    if (linkHeaderSeen) {
      throw new PlatformError("rest_blocked", "This is a WordPress site, but its REST API did not answer with JSON.", { fix: FIX.restBlocked, platformCode: "rest_unavailable" });
    }
    throw new PlatformError("invalid_response", `No WordPress REST API was found at ${siteUrl}.`, {
      platformCode: "not_wordpress",
      fix: "Check that the URL is the WordPress site's address (the one in Settings → General → Site Address).",
      cause: lastError,
    });
  }

  function discover(): Promise<Discovery> {
    discovery ??= discoverOnce().catch((err) => {
      discovery = undefined;
      throw err;
    });
    return discovery;
  }

  async function request<T = unknown>(method: string, route: string, opts: RequestOptions & { schema?: z.ZodType<T> } = {}) {
    const { restUrl } = await discover();
    return parseJson(await send(method, buildRestUrl(restUrl, route, opts.query), opts), opts.schema);
  }

  /** One page of a collection; a page past the end (400 rest_*_invalid_page_number) is empty. */
  async function listPage<T>(route: string, schema: z.ZodType<T>, query: Query & { page?: number; per_page?: number } = {}) {
    const perPage = Math.min(100, query.per_page ?? 100);
    try {
      const res = await request("GET", route, { query: { ...query, per_page: perPage } });
      const items = (Array.isArray(res.data) ? res.data : []).map((item) => {
        const parsed = schema.safeParse(item);
        if (!parsed.success) throw new PlatformError("invalid_response", `Unexpected item in ${route}: ${parsed.error.issues[0]?.message}`);
        return parsed.data;
      });
      return { items, total: Number(res.headers.get("x-wp-total") ?? items.length), totalPages: Number(res.headers.get("x-wp-totalpages") ?? 1) };
    } catch (err) {
      if (err instanceof PlatformError && err.status === 400 && /invalid_page_number$/.test(err.platformCode ?? "")) {
        return { items: [] as T[], total: 0, totalPages: 0 };
      }
      throw err;
    }
  }

  /** Every item of a collection, 100 per page. */
  async function listAll<T>(route: string, schema: z.ZodType<T>, query: Query = {}): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const res = await listPage(route, schema, { ...query, page, per_page: 100 });
      all.push(...res.items);
      if (page >= res.totalPages || res.items.length === 0) return all;
    }
  }

  const client = {
    siteUrl,
    discover,
    request,
    listPage,
    listAll,

    /** The authenticated user with roles and capabilities (the only reliable credentials check). */
    async getMe() {
      return (await request("GET", "/wp/v2/users/me", { query: { context: "edit" }, schema: wpUserSchema })).data;
    },

    /** Post types by slug (`/wp/v2/types`, edit context for `viewable`). */
    async listTypes() {
      return (await request("GET", "/wp/v2/types", { query: { context: "edit" }, schema: wpTypesSchema })).data;
    },

    /** Items changed after the cursor, oldest first (see cursor.ts). */
    walkModified(restBase: string, walk: WalkOptions = {}) {
      return walkModified((query) => listPage(collectionRoute(restBase), wpPostSchema, query), walk);
    },

    async getPost(restBase: string, id: number, context: "edit" | "view" = "edit"): Promise<WpPost | undefined> {
      try {
        return (await request("GET", `${collectionRoute(restBase)}/${id}`, { query: { context }, schema: wpPostSchema })).data;
      } catch (err) {
        if (err instanceof PlatformError && (err.code === "not_found" || err.status === 410)) return undefined;
        throw err;
      }
    },

    async createPost(restBase: string, payload: Record<string, unknown>) {
      return (await request("POST", collectionRoute(restBase), { json: payload, schema: wpPostSchema })).data;
    },

    async updatePost(restBase: string, id: number, payload: Record<string, unknown>) {
      return (await request("PUT", `${collectionRoute(restBase)}/${id}`, { json: payload, schema: wpPostSchema })).data;
    },

    async deletePost(restBase: string, id: number, force = false) {
      return (await request("DELETE", `${collectionRoute(restBase)}/${id}`, { query: { force: force || undefined } })).data;
    },

    /** Creates a term, or returns the existing one's id (400 term_exists carries data.term_id). */
    async upsertTerm(taxonomy: string, term: { name: string; parent?: number; slug?: string; description?: string }) {
      try {
        const res = await request("POST", collectionRoute(taxonomy), { json: term, schema: wpTermSchema, idempotent: true });
        return { id: res.data.id, created: true };
      } catch (err) {
        const termId = (err as PlatformError).data && ((err as PlatformError).data as { term_id?: unknown }).term_id;
        if (err instanceof PlatformError && err.platformCode === "term_exists" && typeof termId === "number") {
          return { id: termId, created: false };
        }
        throw err;
      }
    },

    listTerms(taxonomy: string) {
      return listAll(collectionRoute(taxonomy), wpTermSchema, { hide_empty: false, orderby: "id" });
    },

    /** Raw-body upload; `Content-Disposition` names the file (WordPress requires it). */
    async uploadMedia(file: { bytes: Uint8Array; filename: string; contentType: string; altText?: string; title?: string }) {
      const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
      const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`;
      const res = await request("POST", "/wp/v2/media", {
        body: file.bytes,
        headers: { "content-type": file.contentType, "content-disposition": disposition },
        query: { alt_text: file.altText, title: file.title },
        schema: wpMediaSchema,
      });
      return res.data;
    },

    /** Largest batch the site accepts (`OPTIONS /batch/v1`); 0 when batching is unavailable. */
    getBatchMaxItems(): Promise<number> {
      batchMax ??= request("OPTIONS", "/batch/v1", { schema: wpBatchOptionsSchema })
        .then((res) => res.data.endpoints[0]?.args.requests?.maxItems ?? 25)
        .catch((err) => {
          if (err instanceof PlatformError && (err.code === "not_found" || err.code === "bad_request")) return 0;
          batchMax = undefined;
          throw err;
        });
      return batchMax;
    },

    /**
     * Runs sub-requests through `/batch/v1` in chunks of maxItems; one `{status, body}` per request,
     * in order. Not retried on ambiguous failures (a batch of creates is not idempotent).
     */
    async batch(requests: Array<{ method?: "POST" | "PUT" | "PATCH" | "DELETE"; path: string; body?: unknown }>) {
      const max = await client.getBatchMaxItems();
      if (max === 0) throw new PlatformError("unsupported", "This site does not offer the batch API (WordPress 5.6+).");
      const results: Array<{ status: number; body: unknown }> = [];
      for (let i = 0; i < requests.length; i += max) {
        const chunk = requests.slice(i, i + max);
        const res = await request("POST", "/batch/v1", { json: { requests: chunk }, schema: wpBatchResponseSchema });
        for (const r of res.data.responses) results.push({ status: r.status ?? 0, body: r.body });
      }
      return results;
    },
  };
  return client;
}

export type WordPressClient = ReturnType<typeof createWordPressClient>;
