import "server-only";
import { createHash } from "node:crypto";
import {
  PlatformError,
  type PlatformAdapter,
  type PlatformConnection,
  type PushItem,
  type PushResult,
  type RemoteContent,
  type TaxonomyKind,
} from "@/lib/platforms/types";
import { collectionRoute, createWordPressClient, type WordPressClient } from "@/lib/platforms/wordpress/client";
import { diagnoseConnection } from "@/lib/platforms/wordpress/doctor";
import { fromHttpError } from "@/lib/platforms/wordpress/errors";
import { wpPostSchema, wpTermSchema } from "@/lib/platforms/wordpress/schemas";
import { fromWordPressPost, toWordPressPayload } from "@/lib/platforms/wordpress/transform";

const TAXONOMY_REST_BASE: Record<TaxonomyKind, string> = { category: "categories", tag: "tags" };
// A Map: the content type is user input ("__proto__" must not find Object.prototype).
const KNOWN_REST_BASE = new Map([["post", "posts"], ["posts", "posts"], ["page", "pages"], ["pages", "pages"]]);
const PULL_FIELDS = ["type", "status", "slug", "link", "date_gmt", "title", "content", "excerpt", "featured_media", "categories", "tags"];

// Clients keep the discovered REST root and batch size, so a sync does not rediscover per call.
// Keyed by a hash, so no password sits in a map key.
const clients = new Map<string, WordPressClient>();
const MAX_CLIENTS = 100;

function getClient(connection: PlatformConnection): WordPressClient {
  const key = createHash("sha256").update(`${connection.siteUrl}\n${connection.username}\n${connection.secret}`).digest("hex");
  let client = clients.get(key);
  if (!client) {
    client = createWordPressClient({ siteUrl: connection.siteUrl, username: connection.username, applicationPassword: connection.secret });
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
    clients.set(key, client);
  }
  return client;
}

/** Accepts a post type slug ("post", "product") or a rest base ("posts"); returns the rest base. */
async function resolveRestBase(client: WordPressClient, contentType: string): Promise<{ restBase: string; slug: string }> {
  const known = KNOWN_REST_BASE.get(contentType);
  if (known) return { restBase: known, slug: contentType.startsWith("page") ? "page" : "post" };
  const types = await client.listTypes();
  const type = Object.values(types).find((t) => t.slug === contentType || t.rest_base === contentType);
  if (!type) throw new PlatformError("not_found", `WordPress has no REST-visible content type "${contentType}".`);
  const restBase = type.rest_namespace === "wp/v2" ? type.rest_base : `${type.rest_namespace}/${type.rest_base}`;
  return { restBase, slug: type.slug };
}

/** Count of one collection: every status the user may see (drafts too), falling back to public. */
async function countCollection(client: WordPressClient, restBase: string): Promise<number> {
  try {
    return (await client.listPage(collectionRoute(restBase), wpPostSchema, { per_page: 1, status: "any", _fields: "id" })).total;
  } catch (err) {
    if (!(err instanceof PlatformError) || (err.code !== "bad_request" && err.code !== "forbidden")) throw err;
    return (await client.listPage(collectionRoute(restBase), wpPostSchema, { per_page: 1, _fields: "id" })).total;
  }
}

async function pushOne(client: WordPressClient, item: PushItem): Promise<RemoteContent> {
  const { restBase, slug } = await resolveRestBase(client, item.contentType);
  const payload = toWordPressPayload(item.fields);
  const post = item.externalId ? await client.updatePost(restBase, item.externalId, payload) : await client.createPost(restBase, payload);
  return fromWordPressPost(post, slug);
}

export const wordpressAdapter: PlatformAdapter = {
  id: "wordpress",
  displayName: "WordPress",

  async testConnection(connection) {
    const { wordpress, ...rest } = await diagnoseConnection({ siteUrl: connection.siteUrl, username: connection.username, applicationPassword: connection.secret });
    return { ...rest, site: wordpress };
  },

  async listContentTypes(connection) {
    const client = getClient(connection);
    const types = Object.values(await client.listTypes()).filter((t) => t.viewable !== false && t.slug !== "attachment");
    return Promise.all(
      types.map(async (t) => {
        const restBase = t.rest_namespace === "wp/v2" ? t.rest_base : `${t.rest_namespace}/${t.rest_base}`;
        return { slug: t.slug, name: t.name, restBase: t.rest_base, count: await countCollection(client, restBase) };
      }),
    );
  },

  async countContent(connection, contentType) {
    const client = getClient(connection);
    return countCollection(client, (await resolveRestBase(client, contentType)).restBase);
  },

  async listTerms(connection, taxonomy) {
    const terms = await getClient(connection).listTerms(TAXONOMY_REST_BASE[taxonomy]);
    return terms.map((t) => ({ externalId: t.id, name: t.name, slug: t.slug, parentId: t.parent || null, count: t.count }));
  },

  async upsertTerm(connection, taxonomy, term) {
    const res = await getClient(connection).upsertTerm(TAXONOMY_REST_BASE[taxonomy], { name: term.name, parent: term.parentId ?? undefined });
    return { externalId: res.id, created: res.created };
  },

  async *pullContent(connection, params) {
    const client = getClient(connection);
    const { restBase, slug } = await resolveRestBase(client, params.contentType);
    const walk = client.walkModified(restBase, {
      cursor: params.cursor,
      perPage: params.pageSize,
      status: params.status ?? ["publish", "future", "draft", "pending", "private"],
      context: "edit",
      fields: PULL_FIELDS,
    });
    for await (const page of walk) {
      yield { items: page.items.map((p) => fromWordPressPost(p, slug)), cursor: page.cursor, total: page.total };
    }
  },

  async getContent(connection, contentType, externalId) {
    const client = getClient(connection);
    const { restBase, slug } = await resolveRestBase(client, contentType);
    const post = await client.getPost(restBase, externalId);
    return post ? fromWordPressPost(post, slug) : undefined;
  },

  pushContent(connection, item) {
    return pushOne(getClient(connection), item);
  },

  async pushContentBatch(connection, items) {
    const client = getClient(connection);
    if ((await client.getBatchMaxItems()) === 0) {
      const results: PushResult[] = [];
      for (const item of items) {
        try {
          results.push({ ok: true, content: await pushOne(client, item) });
        } catch (err) {
          if (!(err instanceof PlatformError)) throw err;
          results.push({ ok: false, error: err });
        }
      }
      return results;
    }
    const resolved = await Promise.all(items.map((item) => resolveRestBase(client, item.contentType)));
    const requests = items.map((item, i) => ({
      method: item.externalId ? ("PUT" as const) : ("POST" as const),
      path: `${collectionRoute(resolved[i].restBase)}${item.externalId ? `/${item.externalId}` : ""}`,
      body: toWordPressPayload(item.fields),
    }));
    const responses = await client.batch(requests);
    return responses.map((res, i): PushResult => {
      if (res.status >= 200 && res.status < 300) {
        const parsed = wpPostSchema.safeParse(res.body);
        if (parsed.success) return { ok: true, content: fromWordPressPost(parsed.data, resolved[i].slug) };
      }
      return { ok: false, error: fromHttpError(res.status || 500, "application/json", JSON.stringify(res.body ?? {}), null) };
    });
  },

  async uploadMedia(connection, file) {
    const media = await getClient(connection).uploadMedia(file);
    return { externalId: media.id, url: media.source_url };
  },

  async listContentIds(connection, contentType) {
    const client = getClient(connection);
    const { restBase } = await resolveRestBase(client, contentType);
    const items = await client.listAll(collectionRoute(restBase), wpTermSchema.pick({ id: true }), {
      _fields: "id",
      status: "publish,future,draft,pending,private",
      orderby: "id",
      order: "asc",
    });
    return items.map((item) => item.id);
  },
};
