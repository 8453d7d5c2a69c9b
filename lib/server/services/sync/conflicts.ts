import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Content, ContentConflict, NewContent } from "@/db/tables";
import { getContentByIds, listTermNames } from "@/db/queries/content";
import { clearLocalChanges, getConflict, markContentConflict, resolveConflictRow, upsertOpenConflict } from "@/db/queries/conflicts";
import type { NewSyncEvent } from "@/db/queries/sync";
import { PlatformError } from "@/lib/platforms/types";
import { collectionRoute } from "@/lib/platforms/wordpress/client";
import type { WpPost } from "@/lib/platforms/wordpress/schemas";
import { fromWordPressPost } from "@/lib/platforms/wordpress/transform";
import type { ConflictVersion } from "@/lib/schemas/conflicts";
import { logError } from "@/lib/server/log";
import { newestSide, readVersion, toVersion } from "../conflicts-versions";
import type { SyncContext } from "./context";
import { describeError } from "./errors";
import { resolveMediaUrls } from "./images";
import { importWordPressItem } from "./pull-by-id";
import { pushItems, type PushOutcome } from "./push";
import { publishInProgress } from "./push-claims";
import { loadTermIndex, pullTaxonomies } from "./taxonomies";

const REST_BASE: Record<Content["contentType"], string> = { post: "posts", page: "pages", product: "product" };
const EXPECTED_HEADER = "X-IGNY8-Expected-Modified-GMT";

const gmt = (value: string | null | undefined) => (value ? value.slice(0, 19).replace(" ", "T") : null);

/** WordPress refused (plugin, 409 igny8_conflict) or our check found the post changed since the base. */
export function isWriteConflict(error: unknown): error is PlatformError {
  return error instanceof PlatformError && error.code === "conflict" && error.platformCode === "igny8_conflict";
}

/**
 * What an update of this item must carry so WordPress's copy is never overwritten unseen. With
 * the IGNY8 plugin: the base modified_gmt as a header, which WordPress checks as it writes.
 * Without it: the post's modified_gmt is read now, right before the write, and compared here
 * (a small window remains; the plugin closes it).
 */
export async function writeGuardHeaders(ctx: SyncContext, item: Content): Promise<Record<string, string>> {
  if (!item.wordpressId || !item.baseModifiedGmt) return {};
  if (await ctx.hasPlugin()) return { [EXPECTED_HEADER]: gmt(item.baseModifiedGmt)! };
  const route = `${collectionRoute(REST_BASE[item.contentType])}/${item.wordpressId}`;
  const { data } = await ctx.client.request("GET", route, {
    query: { context: "edit", _fields: "id,modified_gmt" },
    schema: z.looseObject({ modified_gmt: z.string().optional() }),
  });
  const current = gmt(data.modified_gmt);
  if (current && current !== gmt(item.baseModifiedGmt)) {
    throw new PlatformError("conflict", "The post was changed in WordPress since the last sync.", {
      status: 409,
      platformCode: "igny8_conflict",
      data: { modified_gmt: current, expected_modified_gmt: gmt(item.baseModifiedGmt), checked_by: "igny8" },
    });
  }
  return {};
}

/** The WordPress side of a post: fields, term names (terms refreshed once if unknown), image URL. */
export async function wordpressVersionOf(ctx: SyncContext, post: WpPost, contentType: Content["contentType"]): Promise<ConflictVersion> {
  const remote = fromWordPressPost(post, contentType);
  let terms = await loadTermIndex(ctx);
  const keys = [...remote.categoryIds.map((id) => `category:${id}`), ...remote.tagIds.map((id) => `tag:${id}`)];
  if (keys.some((k) => !terms.has(k))) terms = await pullTaxonomies(ctx);
  if (remote.featuredMediaId) await resolveMediaUrls(ctx, [remote.featuredMediaId]);
  return toVersion(
    {
      title: remote.title,
      content: remote.content,
      excerpt: remote.excerpt,
      slug: remote.slug,
      categories: remote.categoryIds.map((id) => terms.get(`category:${id}`)?.name).filter((n): n is string => !!n),
      tags: remote.tagIds.map((id) => terms.get(`tag:${id}`)?.name).filter((n): n is string => !!n),
      featuredImageUrl: remote.featuredMediaId ? ctx.mediaUrls.get(remote.featuredMediaId) || null : null,
    },
    { modified_gmt: gmt(post.modified_gmt) },
  );
}

/** Our side of an item as it is now. */
export async function igny8VersionOf(db: Db, item: Content): Promise<ConflictVersion> {
  const terms = (await listTermNames(db, { accountId: item.accountId, contentIds: [item.id] })).get(item.id);
  return toVersion(
    { ...item, categories: terms?.categories ?? [], tags: terms?.tags ?? [] },
    { updated_at: item.updatedAt.toISOString() },
  );
}

/**
 * Stores a conflict: both versions and the base (hash, modified_gmt and, when kept, the base
 * field values), updating the item's open conflict if it has one; the item goes to "conflict".
 */
export async function recordConflict(db: Db, ctx: SyncContext, params: { contentId: string; wordpress: ConflictVersion; detectedBy: string }): Promise<ContentConflict> {
  const [item] = await getContentByIds(db, { accountId: ctx.accountId, ids: [params.contentId] });
  const conflict = await upsertOpenConflict(db, {
    accountId: ctx.accountId,
    integrationId: ctx.integration.id,
    contentId: item.id,
    detectedBy: params.detectedBy,
    base: { hash: item.baseHash, modified_gmt: gmt(item.baseModifiedGmt), fields: item.baseSnapshot ?? null },
    igny8Version: await igny8VersionOf(db, item),
    wordpressVersion: params.wordpress,
  });
  await markContentConflict(db, { accountId: ctx.accountId, id: item.id, modifiedGmt: params.wordpress.modified_gmt ?? null });
  return conflict;
}

/** A conflict found by a pull or webhook: WordPress's side is the pulled item's base snapshot. */
export function recordPulledConflict(tx: Db, ctx: SyncContext, contentId: string, pulled: NewContent) {
  const wordpress = readVersion(pulled.baseSnapshot)!;
  return recordConflict(tx, ctx, {
    contentId,
    wordpress: { ...wordpress, modified_gmt: gmt(pulled.modifiedGmt), updated_at: undefined },
    detectedBy: ctx.eventType === "webhook" ? "webhook" : "pull",
  });
}

/** Items being pushed over WordPress right now (no policy recursion when WordPress moves again). */
const forcing = new Set<string>();

/**
 * Pushes our copy over WordPress's current one: its modified_gmt is read now and sent as the
 * expected one, so an edit landing after this read still gets 409 and a conflict, never lost.
 */
export async function pushOurs(ctx: SyncContext, contentId: string): Promise<PushOutcome> {
  const [item] = await getContentByIds(ctx.db, { accountId: ctx.accountId, ids: [contentId] });
  const post = item.wordpressId ? await ctx.client.getPost(REST_BASE[item.contentType], item.wordpressId, "edit") : undefined;
  if (!post) throw new PlatformError("not_found", "The post no longer exists in WordPress.", { fix: "Push the item again to create it, or delete it here." });
  forcing.add(contentId);
  try {
    const [outcome] = await pushItems(ctx, [item], { batch: false, baseModifiedGmt: new Map([[contentId, gmt(post.modified_gmt)]]) });
    if (outcome.busy) throw await publishInProgress(ctx, contentId);
    return outcome;
  } finally {
    forcing.delete(contentId);
  }
}

/** Stores WordPress's current copy over ours (the pull's own import, after our edits are set aside). */
export async function storeTheirs(ctx: SyncContext, contentId: string) {
  const [item] = await getContentByIds(ctx.db, { accountId: ctx.accountId, ids: [contentId] });
  if (!item.wordpressId) throw new PlatformError("not_found", "The item has no WordPress copy.");
  await clearLocalChanges(ctx.db, { accountId: ctx.accountId, id: contentId });
  return importWordPressItem(ctx, { wordpressId: item.wordpressId, contentType: item.contentType });
}

/**
 * Applies the integration's policy to an open conflict: manual leaves it open; igny8_wins pushes
 * ours, wordpress_wins stores theirs, newest_wins takes the later edit. The row is kept (resolved
 * `policy:<name>`) with both versions, so the losing one is never lost.
 */
export async function applyConflictPolicy(ctx: SyncContext, conflict: ContentConflict): Promise<ContentConflict> {
  const policy = ctx.integration.conflictPolicy;
  if (policy === "manual" || conflict.status !== "open" || forcing.has(conflict.contentId)) return conflict;
  const winner =
    policy === "igny8_wins"
      ? "igny8"
      : policy === "wordpress_wins"
        ? "wordpress"
        : newestSide(readVersion(conflict.igny8Version)?.updated_at, readVersion(conflict.wordpressVersion)?.modified_gmt);
  try {
    if (winner === "igny8") {
      const outcome = await pushOurs(ctx, conflict.contentId);
      if (!outcome?.ok) return (await getConflict(ctx.db, { accountId: ctx.accountId, id: conflict.id })) ?? conflict;
    } else {
      await storeTheirs(ctx, conflict.contentId);
    }
  } catch (error) {
    logError(`conflict policy ${policy} on ${conflict.id} failed`, error);
    return conflict;
  }
  return (await resolveConflictRow(ctx.db, { accountId: ctx.accountId, id: conflict.id }, { resolution: `policy:${policy}` })) ?? conflict;
}

/**
 * A push WordPress refused or our check stopped: records the conflict with WordPress's current
 * copy, applies the policy, and answers the item's event (`conflict`, pending while open).
 */
export async function handlePushConflict(ctx: SyncContext, item: Content, error: PlatformError, base: NewSyncEvent): Promise<NewSyncEvent> {
  const event = { ...base, contentType: item.contentType, contentId: item.id, externalId: item.wordpressId };
  try {
    const post = await ctx.client.getPost(REST_BASE[item.contentType], item.wordpressId!, "edit");
    if (!post) throw new PlatformError("not_found", "The post was deleted in WordPress.", { fix: "Push the item again to create it anew." });
    const detectedBy = (error.data as { checked_by?: string } | undefined)?.checked_by === "igny8" ? "push:check" : "push:plugin";
    let conflict = await recordConflict(ctx.db, ctx, { contentId: item.id, wordpress: await wordpressVersionOf(ctx, post, item.contentType), detectedBy });
    conflict = await applyConflictPolicy(ctx, conflict);
    return {
      ...event,
      eventType: "conflict",
      status: conflict.status === "resolved" ? "success" : "pending",
      metadata: { action: "conflict", conflict_id: conflict.id, detected_by: detectedBy, resolution: conflict.resolution, modified_gmt: gmt(post.modified_gmt) },
    };
  } catch (failure) {
    const { code, message, fix } = describeError(failure);
    return { ...event, status: "failed", errorCode: code, errorMessage: message, metadata: { fix: fix ?? null } };
  }
}
