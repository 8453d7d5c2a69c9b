import "server-only";
import type { ContentTaxonomy } from "@/db/tables";
import type { SyncItem } from "@/db/queries/content-sync";
import type { ItemFields, PushItem } from "@/lib/platforms/types";
import { withBorrowedCanonical } from "./canonical";
import type { SyncContext } from "./context";
import { ItemError } from "./errors";
import { seoOf } from "../content-seo";
import { contentHash, hashableOf } from "./hash";
import type { createFeaturedMediaResolver } from "./images";
import type { createTermResolver } from "./taxonomies";

/** One item ready to send, and the hash it was built from. */
export type Prepared = { item: SyncItem; push: PushItem; hash: string };
export type Resolvers = {
  terms: ReturnType<typeof createTermResolver>;
  media: ReturnType<typeof createFeaturedMediaResolver>;
};

const isAhead = (item: { scheduledAt: Date | null }) => !!item.scheduledAt && item.scheduledAt.getTime() > Date.now();

/**
 * Scheduled ahead on a platform that cannot schedule (Webflow): held there as a draft, its
 * publishing slot left free so IGNY8's scheduler publishes it at its time.
 */
export const isHeldForItsTime = (ctx: SyncContext, item: { scheduledAt: Date | null }) =>
  !ctx.adapter.capabilities.scheduling && isAhead(item);

/** Published, or scheduled ahead where the platform can; `default_status` in config may say draft. */
function statusFor(ctx: SyncContext, item: SyncItem): Pick<ItemFields, "status" | "scheduledAt"> {
  if (isAhead(item) && ctx.adapter.capabilities.scheduling)
    return { status: "scheduled", scheduledAt: item.scheduledAt!.toISOString() };
  if (isHeldForItsTime(ctx, item)) return { status: "draft", scheduledAt: item.scheduledAt!.toISOString() };
  const configured = (ctx.integration.configJson as { default_status?: unknown }).default_status;
  return { status: configured === "draft" ? "draft" : "published" };
}

export async function prepare(
  ctx: SyncContext,
  item: SyncItem,
  terms: ContentTaxonomy[],
  resolvers: Resolvers,
  /** The item's addresses on the site's other destinations (the first is lent as canonical). */
  elsewhere?: string[],
): Promise<Prepared> {
  if (!item.title.trim())
    throw new ItemError("validation_error", "The item has no title.", "Give it a title, then push again.");
  const remoteStatus = item.ref?.remoteStatus;
  if (remoteStatus && ctx.adapter.capabilities.readOnlyStatuses?.includes(remoteStatus)) {
    const platform = ctx.adapter.displayName;
    throw new ItemError(
      "read_only",
      `${platform} holds this item as "${remoteStatus}", which IGNY8 does not change.`,
      `Edit it in ${platform}; its changes still come to IGNY8. To publish your version, create a new item.`,
    );
  }
  const [{ categoryIds, tagIds }, featuredMediaId] = await Promise.all([
    resolvers.terms.idsFor(terms),
    resolvers.media(item),
  ]);
  const fields: ItemFields = {
    title: item.title,
    content: item.content,
    excerpt: item.excerpt,
    slug: item.slug,
    ...statusFor(ctx, item),
    categoryIds,
    tagIds,
    ...(featuredMediaId !== null || item.ref?.externalId ? { featuredMediaId } : {}),
    seo: withBorrowedCanonical(seoOf(item), elsewhere),
  };
  const names = (type: ContentTaxonomy["type"]) => terms.filter((t) => t.type === type).map((t) => t.name);
  const hash = contentHash(hashableOf(item, { categories: names("category"), tags: names("tag") }));
  let externalId = item.ref?.externalId ?? undefined;
  // A create that may already have happened (an earlier attempt never got its answer).
  if (!externalId && (item.ref?.syncState === "pending" || item.ref?.syncState === "failed")) {
    externalId = await ctx.session.findCreated({
      ref: item.id,
      contentType: item.contentType,
      slug: item.slug,
      title: item.title,
    });
  }
  const push: PushItem = {
    ref: item.id,
    contentType: item.contentType,
    externalId,
    fields,
    expectedVersion: item.ref?.baseVersion ?? null,
  };
  return { item, push, hash };
}
