import "server-only";
import type { ConnectParams, PlatformSession } from "@/lib/platforms/types";
import { browse, getItem, getItems, listChanges, listItems, readHead } from "./changes";
import { findCreated } from "./exactly-once";
import { mediaOf } from "./media";
import { pushItems } from "./push";
import { openSite, type GhostSite } from "./site";
import { termsOf } from "./terms";
import { SEO_TARGETS } from "./transform";

// The site behind each session, for the webhooks' Admin API calls.
const sites = new WeakMap<PlatformSession, GhostSite>();

export function sessionSite(session: PlatformSession): GhostSite {
  const site = sites.get(session);
  if (!site) throw new Error("Not a Ghost session.");
  return site;
}

const count = async (site: GhostSite, type: string) =>
  (await browse(site, type, { fields: "id", limit: 1 })).pagination?.total ?? 0;

/** A session on one Ghost site through its Admin API; nothing is sent until a method needs it. */
export function connectGhost(params: ConnectParams): PlatformSession {
  const site = openSite(params);
  const session: PlatformSession = {
    async verifyCredentials() {
      await count(site, "post");
    },
    async listContentTypes() {
      return Promise.all(
        (["post", "page"] as const).map(async (slug) => ({
          slug,
          name: slug === "post" ? "Posts" : "Pages",
          restBase: `${slug}s`,
          count: await count(site, slug),
        })),
      );
    },
    countItems: (contentType) => count(site, contentType),
    readHead: (contentType) => readHead(site, contentType),
    listItems: (contentType, page) => listItems(site, contentType, page),
    listChanges: (options) => listChanges(site, options),
    getItem: (contentType, id) => getItem(site, contentType, id),
    getItems: (contentType, ids) => getItems(site, contentType, ids),
    push: (items) => pushItems(site, items),
    // Ghost has its own SEO and social fields on every post: always written.
    seo: async () => ({ canWrite: true, targets: [...SEO_TARGETS] }),
    findCreated: (item) => findCreated(site, item),
    terms: termsOf(site),
    media: mediaOf(site),
  };
  sites.set(session, site);
  return session;
}
