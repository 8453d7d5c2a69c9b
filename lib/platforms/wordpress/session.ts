import "server-only";
import { PlatformError, type ConnectParams, type PlatformSession } from "@/lib/platforms/types";
import { collectionRoute } from "./client";
import { getItem, getItems, listChanges, listItems, readHead } from "./changes";
import { restBaseWithNamespace, resolveType } from "./content-types";
import { findCreated } from "./exactly-once";
import { mediaOf } from "./media";
import { pushItems } from "./push";
import { wpPostSchema } from "./schemas";
import { seoWriteSupport } from "./seo";
import { openSite, type WpSite } from "./site";
import { termsOf } from "./terms";

// The site behind each session, for the plugin's routes (webhooks.ts).
const sites = new WeakMap<PlatformSession, WpSite>();

export function sessionSite(session: PlatformSession): WpSite {
  const site = sites.get(session);
  if (!site) throw new Error("Not a WordPress session.");
  return site;
}

/** Count of one collection: every status the user may see (drafts too), falling back to public. */
async function countCollection(site: WpSite, route: string): Promise<number> {
  try {
    return (await site.client.listPage(route, wpPostSchema, { per_page: 1, status: "any", _fields: "id" })).total;
  } catch (err) {
    if (!(err instanceof PlatformError) || (err.code !== "bad_request" && err.code !== "forbidden")) throw err;
    return (await site.client.listPage(route, wpPostSchema, { per_page: 1, _fields: "id" })).total;
  }
}

export function connectWordPress(params: ConnectParams): PlatformSession {
  const site = openSite(params);
  const session: PlatformSession = {
    async verifyCredentials() {
      await site.client.getMe();
    },
    async listContentTypes() {
      const types = Object.values(await site.client.listTypes()).filter(
        (t) => t.viewable !== false && t.slug !== "attachment",
      );
      return Promise.all(
        types.map(async (t) => ({
          slug: t.slug,
          name: t.name,
          restBase: t.rest_base,
          count: await countCollection(site, collectionRoute(restBaseWithNamespace(t))),
        })),
      );
    },
    async countItems(contentType) {
      return countCollection(site, (await resolveType(site.client, contentType)).route);
    },
    readHead: (contentType) => readHead(site, contentType),
    listItems: (contentType, page) => listItems(site, contentType, page),
    listChanges: (options) => listChanges(site, options),
    getItem: (contentType, id) => getItem(site, contentType, id),
    getItems: (contentType, ids) => getItems(site, contentType, ids),
    push: (items, options) => pushItems(site, items, options),
    seo: () => seoWriteSupport(site),
    findCreated: (item) => findCreated(site, item),
    terms: termsOf(site),
    media: mediaOf(site),
  };
  sites.set(session, site);
  return session;
}
