import "server-only";
import type { Db } from "@/db/client";
import type { Content, ContentConflict } from "@/db/tables";
import { listTermNames } from "@/db/queries/content";
import { getSyncItems } from "@/db/queries/content-sync";
import { markContentConflict, upsertOpenConflict } from "@/db/queries/conflicts";
import type { RemoteItem } from "@/lib/platforms/types";
import type { ConflictVersion } from "@/lib/schemas/conflicts";
import { readVersion, toVersion } from "../conflicts-versions";
import type { SyncContext } from "./context";
import { resolveMediaUrls } from "./images";
import { loadTermIndex, pullTaxonomies } from "./taxonomies";

/** A remote version stamp to the second, in one form ("2026-11-28T02:21:14"). */
export const gmt = (value: string | null | undefined) => (value ? value.slice(0, 19).replace(" ", "T") : null);

/** The remote side of an item: fields, term names (terms refreshed once if unknown), image URL. */
export async function remoteVersionOf(ctx: SyncContext, remote: RemoteItem): Promise<ConflictVersion> {
  let terms = await loadTermIndex(ctx);
  const keys = [...remote.categoryIds.map((id) => `category:${id}`), ...remote.tagIds.map((id) => `tag:${id}`)];
  if (keys.some((k) => !terms.has(k))) terms = await pullTaxonomies(ctx);
  if (remote.featuredMediaId) await resolveMediaUrls(ctx, [remote.featuredMediaId]);
  const names = (kind: string, ids: string[]) =>
    ids.map((id) => terms.get(`${kind}:${id}`)?.name).filter((n): n is string => !!n);
  return toVersion(
    {
      title: remote.title,
      content: remote.content,
      excerpt: remote.excerpt,
      slug: remote.slug,
      categories: names("category", remote.categoryIds),
      tags: names("tag", remote.tagIds),
      featuredImageUrl: remote.featuredMediaId ? ctx.mediaUrls.get(remote.featuredMediaId) || null : null,
    },
    { modified_gmt: gmt(remote.version) },
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
export async function recordConflict(
  db: Db,
  ctx: SyncContext,
  params: { contentId: string; remote: ConflictVersion; detectedBy: string },
): Promise<ContentConflict> {
  const scope = { accountId: ctx.accountId, integrationId: ctx.integration.id };
  const [{ ref, ...item }] = await getSyncItems(db, { ...scope, ids: [params.contentId] });
  const conflict = await upsertOpenConflict(db, {
    ...scope,
    contentId: item.id,
    detectedBy: params.detectedBy,
    base: { hash: ref?.baseHash ?? null, modified_gmt: gmt(ref?.baseVersion), fields: ref?.baseSnapshot ?? null },
    igny8Version: await igny8VersionOf(db, item),
    wordpressVersion: params.remote,
  });
  await markContentConflict(db, { ...scope, id: item.id, version: params.remote.modified_gmt ?? null });
  return conflict;
}

/** A conflict found by a pull or webhook: the remote side is the pulled item's base snapshot. */
export function recordPulledConflict(
  tx: Db,
  ctx: SyncContext,
  contentId: string,
  pulled: { baseSnapshot: Record<string, unknown>; version: string | null },
) {
  const remote = readVersion(pulled.baseSnapshot)!;
  return recordConflict(tx, ctx, {
    contentId,
    remote: { ...remote, modified_gmt: gmt(pulled.version), updated_at: undefined },
    detectedBy: ctx.eventType === "webhook" ? "webhook" : "pull",
  });
}
