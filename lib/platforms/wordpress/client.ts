import "server-only";
import type { z } from "zod";
import { egressFetch, type EgressFetch } from "@/lib/server/egress";
import { PlatformError } from "@/lib/platforms/types";
import {
  wpBatchOptionsSchema,
  wpMediaSchema,
  wpPostSchema,
  wpTermSchema,
  wpTypesSchema,
  wpUserSchema,
  type WpPost,
} from "@/lib/platforms/wordpress/schemas";
import { discoverRestRoot, type Discovery } from "./discovery";
import { buildRestUrl, collectionRoute, normaliseSiteUrl, type Query } from "./rest-url";
import { createTransport, parseJson, type RequestOptions, type RetryOptions } from "./transport";

export { buildRestUrl, collectionRoute, normaliseSiteUrl, type Query } from "./rest-url";
export type { Discovery } from "./discovery";
export type { RequestOptions, RetryOptions, WpResponse } from "./transport";

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

export function createWordPressClient(options: WordPressClientOptions) {
  const siteUrl = normaliseSiteUrl(options.siteUrl);
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.applicationPassword}`).toString("base64")}`;
  const { send } = createTransport({
    fetchImpl: options.fetchImpl ?? egressFetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: options.retry,
    authorization,
  });
  let discovery: Promise<Discovery> | undefined;
  let batchMax: Promise<number> | undefined;
  let types: Promise<z.infer<typeof wpTypesSchema>> | undefined;

  function discover(): Promise<Discovery> {
    discovery ??= discoverRestRoot(siteUrl, send, options.restUrl).catch((err) => {
      discovery = undefined;
      throw err;
    });
    return discovery;
  }

  async function request<T = unknown>(
    method: string,
    route: string,
    opts: RequestOptions & { schema?: z.ZodType<T> } = {},
  ) {
    const { restUrl } = await discover();
    return parseJson(await send(method, buildRestUrl(restUrl, route, opts.query), opts), opts.schema);
  }

  /** One page of a collection; a page past the end (400 rest_*_invalid_page_number) is empty. */
  async function listPage<T>(
    route: string,
    schema: z.ZodType<T>,
    query: Query & { page?: number; per_page?: number } = {},
  ) {
    const perPage = Math.min(100, query.per_page ?? 100);
    try {
      const res = await request("GET", route, { query: { ...query, per_page: perPage } });
      const items = (Array.isArray(res.data) ? res.data : []).map((item) => {
        const parsed = schema.safeParse(item);
        if (!parsed.success)
          throw new PlatformError(
            "invalid_response",
            `Unexpected item in ${route}: ${parsed.error.issues[0]?.message}`,
          );
        return parsed.data;
      });
      return {
        items,
        total: Number(res.headers.get("x-wp-total") ?? items.length),
        totalPages: Number(res.headers.get("x-wp-totalpages") ?? 1),
      };
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

    /** Post types by slug (`/wp/v2/types`, edit context for `viewable`); read once per client. */
    listTypes() {
      types ??= request("GET", "/wp/v2/types", { query: { context: "edit" }, schema: wpTypesSchema })
        .then((res) => res.data)
        .catch((err) => {
          types = undefined;
          throw err;
        });
      return types;
    },

    async getPost(restBase: string, id: number, context: "edit" | "view" = "edit"): Promise<WpPost | undefined> {
      try {
        return (
          await request("GET", `${collectionRoute(restBase)}/${id}`, { query: { context }, schema: wpPostSchema })
        ).data;
      } catch (err) {
        if (err instanceof PlatformError && (err.code === "not_found" || err.status === 410)) return undefined;
        throw err;
      }
    },

    /** Creates a term, or returns the existing one's id (400 term_exists carries data.term_id). */
    async upsertTerm(taxonomy: string, term: { name: string; parent?: number; slug?: string; description?: string }) {
      try {
        const res = await request("POST", collectionRoute(taxonomy), {
          json: term,
          schema: wpTermSchema,
          idempotent: true,
        });
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
    async uploadMedia(file: {
      bytes: Uint8Array;
      filename: string;
      contentType: string;
      altText?: string;
      title?: string;
    }) {
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
  };
  return client;
}

export type WordPressClient = ReturnType<typeof createWordPressClient>;
