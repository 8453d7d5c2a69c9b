import "server-only";
import {
  isSiteWideFailure,
  PlatformError,
  type PushItem,
  type PushOutcome,
  type RemoteItem,
} from "@/lib/platforms/types";
import { fromUserErrors } from "./errors";
import {
  CREATE_ARTICLE,
  CREATE_PAGE,
  DELETE_METAFIELDS,
  SHOP_DOCTOR,
  UPDATE_ARTICLE,
  UPDATE_PAGE,
  UPDATE_PRODUCT_DESCRIPTION,
} from "./operations";
import type { UserError } from "./schemas";
import { resolveImageUrl } from "./media";
import { blogIdOf, getItems, toItem, type Store } from "./store";
import { typeOf } from "./changes";
import {
  publicationInput,
  REF_METAFIELD,
  RESOURCE,
  seoMetafields,
  tagsOf,
  toGid,
  type ShopifyContentType,
} from "./transform";

type Payload = Record<string, unknown> & { userErrors: UserError[] };
const MUTATION = {
  post: { create: CREATE_ARTICLE, update: UPDATE_ARTICLE, root: "article", key: "article" },
  page: { create: CREATE_PAGE, update: UPDATE_PAGE, root: "page", key: "page" },
} as const;

/** What one push looks up once for all its items. */
type PushCache = { author?: string; blogId?: string };

async function authorOf(store: Store, cache: PushCache): Promise<string> {
  if (store.config.author) return store.config.author;
  cache.author ??= (await store.client.request<{ shop: { name: string } }>(SHOP_DOCTOR)).shop.name;
  return cache.author;
}

/** The input of articleCreate/articleUpdate or pageCreate/pageUpdate (only what IGNY8 owns). */
async function inputOf(store: Store, type: "post" | "page", item: PushItem, isCreate: boolean, cache: PushCache) {
  const f = item.fields;
  const { set } = seoMetafields(f);
  const metafields = isCreate ? [...set, { ...REF_METAFIELD, value: item.ref }] : set;
  const input: Record<string, unknown> = {
    title: f.title,
    body: f.content,
    ...(f.slug ? { handle: f.slug } : {}),
    ...publicationInput(f),
    ...(metafields.length ? { metafields } : {}),
  };
  if (!isCreate && f.slug) input.redirectNewHandle = true;
  if (type === "page") return input;
  input.summary = f.excerpt;
  input.tags = tagsOf(f, store.categoriesAs);
  if (store.categoriesAs === "blog" && f.categoryIds[0]) input.blogId = toGid("Blog", f.categoryIds[0]);
  else if (isCreate) input.blogId = cache.blogId ??= await blogIdOf(store);
  if (isCreate) input.author = { name: await authorOf(store, cache) };
  if (f.featuredMediaId === null) input.image = null;
  else if (f.featuredMediaId) input.image = { url: await resolveImageUrl(store, f.featuredMediaId), altText: f.title };
  return input;
}

async function clearSeo(store: Store, type: ShopifyContentType, externalId: string, item: PushItem) {
  const { clear } = seoMetafields(item.fields);
  if (!clear.length) return;
  const ownerId = toGid(RESOURCE[type], externalId);
  const data = await store.client.request<{ metafieldsDelete: Payload }>(DELETE_METAFIELDS, {
    metafields: clear.map((m) => ({ ownerId, ...m })),
  });
  if (data.metafieldsDelete.userErrors.length) throw fromUserErrors(data.metafieldsDelete.userErrors);
}

const pushed = (action: "created" | "updated", item: RemoteItem): PushOutcome => ({
  ok: true,
  action,
  item: { externalId: item.externalId, url: item.url || null, remoteStatus: item.remoteStatus, version: item.version },
});

/** Description and SEO of an existing product; never its title, price, inventory or status. */
async function pushProduct(store: Store, item: PushItem): Promise<RemoteItem> {
  const f = item.fields;
  const product: Record<string, unknown> = { id: toGid("Product", item.externalId!), descriptionHtml: f.content };
  if (f.seo) product.seo = { title: f.seo.seo_title ?? "", description: f.seo.seo_description ?? "" };
  const data = await store.client.request<{ productUpdate: Payload }>(UPDATE_PRODUCT_DESCRIPTION, { product });
  if (data.productUpdate.userErrors.length) throw fromUserErrors(data.productUpdate.userErrors);
  return toItem(store, "product", data.productUpdate.product);
}

async function pushOne(store: Store, item: PushItem, cache: PushCache): Promise<PushOutcome> {
  const type = typeOf(item.contentType);
  let before: RemoteItem | undefined;
  if (item.externalId) {
    // No conditional writes on Shopify: re-read right before writing and refuse when it moved.
    [before] = await getItems(store, type, [item.externalId]);
    const remote = before;
    if (!remote)
      throw new PlatformError(
        "not_found",
        `The Shopify ${RESOURCE[type].toLowerCase()} ${item.externalId} no longer exists.`,
      );
    if (item.expectedVersion && remote.version && remote.version !== item.expectedVersion) {
      const error = new PlatformError("conflict", "The item was changed in Shopify since IGNY8 last read it.", {
        platformCode: "updated_at_moved",
        data: { expected: item.expectedVersion, actual: remote.version },
      });
      return { ok: false, error, conflict: { remote, isExact: false } };
    }
  }
  if (type === "product") {
    if (!item.externalId)
      throw new PlatformError(
        "unsupported",
        "IGNY8 does not create Shopify products; link an existing product instead.",
      );
    return pushed("updated", await pushProduct(store, item));
  }
  const m = MUTATION[type];
  const isCreate = !item.externalId;
  const input = await inputOf(store, type, item, isCreate, cache);
  // Publishing a scheduled item now: its future publish date would otherwise keep it hidden.
  if (item.fields.status === "published" && before?.status === "scheduled")
    input.publishDate = new Date().toISOString();
  const data = await store.client.request<Record<string, Payload>>(
    isCreate ? m.create : m.update,
    isCreate ? { [m.key]: input } : { id: toGid(RESOURCE[type], item.externalId!), [m.key]: input },
  );
  const payload = data[`${m.root}${isCreate ? "Create" : "Update"}`];
  if (payload.userErrors.length) throw fromUserErrors(payload.userErrors);
  let remote = toItem(store, type, payload[m.root]);
  if (!isCreate && seoMetafields(item.fields).clear.length) {
    await clearSeo(store, type, remote.externalId, item);
    remote = (await getItems(store, type, [remote.externalId]))[0] ?? remote;
  }
  return pushed(isCreate ? "created" : "updated", remote);
}

/**
 * One outcome per item, in order (Shopify has no batch write for content). Throws only for a failure
 * of the whole store met before anything was written.
 */
export async function pushItems(store: Store, items: PushItem[]): Promise<PushOutcome[]> {
  const outcomes: PushOutcome[] = [];
  const cache: PushCache = {};
  for (const item of items) {
    try {
      outcomes.push(await pushOne(store, item, cache));
    } catch (error) {
      if (isSiteWideFailure(error) && !outcomes.some((o) => o.ok)) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
