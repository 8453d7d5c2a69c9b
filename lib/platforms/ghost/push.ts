import "server-only";
import { mapWithConcurrency } from "@/lib/server/concurrency";
import { PlatformError, isSiteWideFailure, type PushItem, type PushOutcome } from "@/lib/platforms/types";
import { browse, getItem } from "./changes";
import { findCreated } from "./exactly-once";
import { refMarker, withMarker } from "./marker";
import { ghostBrowseSchema, type GhostPost } from "./schemas";
import { collectionOf, type GhostSite } from "./site";
import { ghostTagsOf, toGhostPost } from "./transform";

/** A failure after which the create may have been written: look before sending it again. */
const isAmbiguous = (error: unknown) =>
  error instanceof PlatformError &&
  (error.code === "unreachable" || error.code === "server_error" || error.code === "invalid_response");

const pushedOf = (post: GhostPost) => ({
  externalId: post.id,
  url: post.status === "published" ? (post.url ?? null) : null,
  remoteStatus: post.status,
  version: post.updated_at ?? null,
});

/** One write of a post or page, with `?source=html` (without it Ghost drops the body silently). */
async function write(site: GhostSite, item: PushItem, method: "POST" | "PUT", body: Record<string, unknown>) {
  const key = collectionOf(item.contentType);
  const path = method === "POST" ? `${key}/` : `${key}/${item.externalId}/`;
  const data = await site.client.request(method, path, ghostBrowseSchema(key), {
    query: { source: "html" },
    json: { [key]: [body] },
    // A repeated update would meet our own new updated_at and read as a conflict.
    idempotent: false,
  });
  const post = (data[key] as GhostPost[])[0];
  if (!post) throw new PlatformError("invalid_response", `Ghost answered the write of ${key} with no ${key}.`);
  return post;
}

async function create(site: GhostSite, item: PushItem): Promise<PushOutcome> {
  const { categories } = ghostTagsOf(item.fields, site.primaryTag);
  const body = { ...toGhostPost(item.fields, site.primaryTag), codeinjection_foot: refMarker(item.ref, categories) };
  try {
    return { ok: true, action: "created", item: pushedOf(await write(site, item, "POST", body)) };
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const found = await findCreated(site, item).catch(() => undefined);
    const post = found ? await getItem(site, item.contentType, found) : undefined;
    if (!post) throw error;
    const item_ = {
      externalId: post.externalId,
      url: post.url || null,
      remoteStatus: post.remoteStatus,
      version: post.version,
    };
    return { ok: true, action: "created", item: item_ };
  }
}

/** The post's version and footer as Ghost has them now; undefined when it is gone. */
async function readCurrent(site: GhostSite, item: PushItem) {
  const res = await browse(site, item.contentType, {
    fields: "id,updated_at,codeinjection_foot",
    filter: `id:'${item.externalId}'`,
    limit: 1,
  });
  return res.posts[0];
}

/**
 * An update guarded by `updated_at`: Ghost refuses a stale one with 409 UpdateCollisionError,
 * which becomes a conflict outcome with Ghost's copy. The footer is read first, to update our
 * marker in it and keep the rest (a user's own code); without an expected version the current
 * one is taken (Ghost needs one to accept any update).
 */
async function update(site: GhostSite, item: PushItem): Promise<PushOutcome> {
  const id = item.externalId!;
  const current = /^[0-9a-f]{24}$/.test(id) ? await readCurrent(site, item) : undefined;
  if (!current) throw new PlatformError("not_found", `Ghost has no ${item.contentType} ${id} any more.`);
  const body: Record<string, unknown> = {
    ...toGhostPost(item.fields, site.primaryTag),
    updated_at: item.expectedVersion ?? current.updated_at,
  };
  const foot = withMarker(current.codeinjection_foot, item.ref, ghostTagsOf(item.fields, site.primaryTag).categories);
  if (foot !== current.codeinjection_foot) body.codeinjection_foot = foot;
  try {
    return { ok: true, action: "updated", item: pushedOf(await write(site, item, "PUT", body)) };
  } catch (error) {
    if (!(error instanceof PlatformError) || error.code !== "conflict") throw error;
    const remote = await getItem(site, item.contentType, id);
    if (!remote) throw new PlatformError("not_found", `Ghost has no ${item.contentType} ${id} any more.`);
    return { ok: false, error, conflict: { remote, isExact: true } };
  }
}

/**
 * Creates or updates items one request each (Ghost has no batch writes and serialises them
 * anyway); one outcome per item, in order. Our ref goes into every created post (exactly-once).
 * A site-wide failure before anything was written is thrown.
 */
export async function pushItems(site: GhostSite, items: PushItem[]): Promise<PushOutcome[]> {
  let written = false;
  return mapWithConcurrency(items, site.concurrency, async (item): Promise<PushOutcome> => {
    try {
      const outcome = await (item.externalId ? update(site, item) : create(site, item));
      written = true;
      return outcome;
    } catch (error) {
      if (!written && isSiteWideFailure(error)) throw error;
      return { ok: false, error };
    }
  });
}
