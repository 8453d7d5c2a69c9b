import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { images, type Content } from "@/db/tables";
import { getEnv } from "@/lib/server/env";
import { findUploadedImage, insertUploadedImage } from "@/db/queries/media";
import { EgressError, egressFetch } from "@/lib/server/egress";
import type { SyncContext } from "./context";
import { ItemError } from "./errors";

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const EXTENSIONS = new Map([
  ["image/jpeg", "jpg"],
  ["image/png", "png"],
  ["image/gif", "gif"],
  ["image/webp", "webp"],
]);

function filenameFor(url: string, mimeType: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  const ext = EXTENSIONS.get(mimeType) ?? "jpg";
  if (/^[\w.-]+\.[a-z0-9]{2,5}$/i.test(last)) return last;
  return `image.${ext}`;
}

const STORED_IMAGE = /\/api\/v1\/ai\/images\/([0-9a-f-]{36})\/?$/i;

/** An image IGNY8 generated and stores itself (its URL is ours): read from the database, no HTTP. */
async function readStoredImage(
  ctx: SyncContext,
  url: string,
): Promise<{ bytes: Uint8Array; mimeType: string } | undefined> {
  const parsed = new URL(url);
  const match = STORED_IMAGE.exec(parsed.pathname);
  if (!match || parsed.origin !== new URL(getEnv().APP_URL).origin) return undefined;
  const [row] = await ctx.db
    .select({ data: images.data, mimeType: images.mimeType })
    .from(images)
    .where(and(eq(images.accountId, ctx.accountId), eq(images.id, match[1])));
  if (!row?.data || !row.mimeType) {
    throw new ItemError(
      "image_unavailable",
      "The generated featured image no longer exists.",
      "Generate or choose another featured image.",
    );
  }
  return { bytes: new Uint8Array(row.data), mimeType: row.mimeType };
}

async function download(url: string): Promise<{ bytes: Uint8Array; mimeType: string }> {
  let res: Response;
  try {
    res = await egressFetch(url, { timeoutMs: 30_000, maxBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    const reason = error instanceof EgressError ? error.message : "the download failed";
    throw new ItemError(
      "image_unavailable",
      `The featured image could not be downloaded: ${reason}`,
      "Check that the image URL is public and points at an image.",
    );
  }
  const mimeType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!res.ok || !mimeType.startsWith("image/")) {
    await res.body?.cancel();
    throw new ItemError(
      "image_unavailable",
      `The featured image URL answered ${res.ok ? mimeType || "something that is not an image" : `HTTP ${res.status}`}.`,
      "Use a URL that serves the image itself (JPEG, PNG, GIF or WebP).",
    );
  }
  return { bytes: new Uint8Array(await res.arrayBuffer()), mimeType };
}

/**
 * The platform's media id of an item's featured image: the upload we already made for this URL or
 * for the same bytes (sha256), else downloaded through the SSRF-safe egress and uploaded once.
 * Concurrent items with the same URL share one upload.
 */
export function createFeaturedMediaResolver(ctx: SyncContext) {
  const inFlight = new Map<string, Promise<string>>();
  const scope = { accountId: ctx.accountId, integrationId: ctx.integration.id, siteId: ctx.site.id };

  async function upload(item: Content, url: string): Promise<string> {
    const known = await findUploadedImage(ctx.db, { ...scope, url });
    if (known) return known.ref.externalId;
    const { bytes, mimeType } = (await readStoredImage(ctx, url)) ?? (await download(url));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const same = await findUploadedImage(ctx.db, { ...scope, sha256 });
    let mediaId = same?.ref.externalId ?? null;
    let sourceUrl = same?.ref.url ?? null;
    if (!mediaId) {
      const file = { bytes, filename: filenameFor(url, mimeType), contentType: mimeType, altText: item.title };
      const media = await ctx.session.media.upload(file);
      mediaId = media.externalId;
      sourceUrl = media.url;
    }
    const values = { accountId: ctx.accountId, contentId: item.id, imageUrl: url, mimeType, sha256, isFeatured: true };
    await insertUploadedImage(ctx.db, { ...scope, values, externalId: mediaId, url: sourceUrl });
    if (sourceUrl) ctx.mediaUrls.set(mediaId, sourceUrl);
    return mediaId;
  }

  return (item: Content): Promise<string | null> => {
    const url = item.featuredImageUrl;
    if (!url) return Promise.resolve(null);
    let pending = inFlight.get(url);
    if (!pending) {
      pending = upload(item, url);
      inFlight.set(url, pending);
      pending.catch(() => inFlight.delete(url));
    }
    return pending;
  };
}

/** Source URLs of media ids not yet known, 100 per request. A missing attachment maps to nothing. */
export async function resolveMediaUrls(ctx: SyncContext, ids: Array<string | null>): Promise<void> {
  const pending = ctx.mediaLookups;
  const wanted = [...new Set(ids.filter((id): id is string => !!id && !ctx.mediaUrls.has(id)))];
  const missing = wanted.filter((id) => !pending.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const chunk = missing.slice(i, i + 100);
    const lookup = lookUpMedia(ctx, chunk).finally(() => chunk.forEach((id) => pending.delete(id)));
    for (const id of chunk) pending.set(id, lookup);
  }
  await Promise.all(new Set(wanted.map((id) => pending.get(id)).filter((p) => p !== undefined)));
}

async function lookUpMedia(ctx: SyncContext, ids: string[]): Promise<void> {
  const urls = await ctx.session.media.resolveUrls(ids);
  for (const id of ids) ctx.mediaUrls.set(id, urls.get(id) ?? "");
}
