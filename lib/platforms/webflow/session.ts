import "server-only";
import type { ConnectParams, PlatformSession } from "@/lib/platforms/types";
import { getItem, getItems, listChanges, listItems, readHead } from "./changes";
import { mediaOf } from "./media";
import { pushItems } from "./push";
import { openSite, type WebflowEndpoints, type WfSite } from "./site";
import { termsOf } from "./terms";
import { slugify } from "./transform";
import { findBySlug } from "./write";

// The connection behind each session, for webhooks.ts (install and status).
const sites = new WeakMap<PlatformSession, WfSite>();

export function sessionSite(session: PlatformSession): WfSite {
  const site = sites.get(session);
  if (!site) throw new Error("Not a Webflow session.");
  return site;
}

const ensurePost = (contentType: string) => {
  if (contentType !== "post") throw new Error(`Webflow integrations hold posts only, not ${contentType}.`);
};

/** A session on one Webflow collection; the collection and its field map are checked on first use. */
export function connectWebflow(params: ConnectParams, endpoints: WebflowEndpoints = {}): PlatformSession {
  const site = openSite(params, endpoints);
  const session: PlatformSession = {
    async verifyCredentials() {
      await site.api.call((c) => c.sites.get(site.config.site_id));
    },
    async listContentTypes() {
      const { collection } = await site.collection();
      return [
        {
          slug: "post",
          name: collection.displayName,
          restBase: collection.slug ?? collection.id,
          count: await session.countItems("post"),
        },
      ];
    },
    async countItems(contentType) {
      ensurePost(contentType);
      return (await listItems(site, 1)).total;
    },
    readHead: () => readHead(site),
    listItems: (contentType, page) => (ensurePost(contentType), listItems(site, page)),
    listChanges: (options) => listChanges(site, options),
    getItem: (_type, id) => getItem(site, id),
    getItems: (_type, ids) => getItems(site, ids),
    push: (items, options) => pushItems(site, items, options),
    async seo() {
      const { map } = await site.collection();
      // Items have no SEO fields of their own: the mapped PlainText fields the template binds to.
      return { canWrite: true, targets: [map.seo_title, map.seo_description].filter((t): t is string => !!t) };
    },
    async findCreated(item) {
      const found = await findBySlug(site, item.slug || slugify(item.title));
      return found && found.fieldData?.name === item.title ? String(found.id) : undefined;
    },
    terms: termsOf(site),
    media: mediaOf(site),
  };
  sites.set(session, site);
  return session;
}
