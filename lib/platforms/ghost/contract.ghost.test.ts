import { describeAdapterContract } from "@/lib/platforms/testing/contract";
import type { ContractSubject } from "@/lib/platforms/testing/contract-subject";
import { egressFetch } from "@/lib/server/egress";
import { ghostAdapter } from "./index";
import { signGhostDelivery } from "./signature";
import { editInGhost, getGhostTestSite, ghostApi, nextSecond, type GhostTestSite } from "./testing/fixture";

const ghost = getGhostTestSite();
const keyOf = (type: string) => (type === "page" ? "pages" : "posts");

function subjectFor(site: GhostTestSite | undefined): ContractSubject | undefined {
  if (!site) return undefined;
  const [id] = site.adminApiKey.split(":");
  return {
    adapter: ghostAdapter,
    siteUrl: site.url,
    credentials: {
      good: { admin_api_key: site.adminApiKey },
      // A well-formed key Ghost has never issued: its id is unknown (401 UNKNOWN_ADMIN_API_KEY).
      bad: { admin_api_key: `${id.replace(/.$/, (c) => (c === "0" ? "1" : "0"))}:${"ab".repeat(32)}` },
    },
    http: egressFetch,
    tick: nextSecond,
    editRemote: (type, externalId, fields) => editInGhost(site, type, externalId, fields),
    // Ghost has no trash: the nearest a Ghost user comes to binning a post is deleting it.
    deleteRemote: async (type, externalId) => void (await ghostApi(site, "DELETE", `${keyOf(type)}/${externalId}/`)),
    signDelivery: ({ contentType, externalId }, secret) => {
      const raw = JSON.stringify({
        [contentType]: { current: { id: externalId, title: "Edited", status: "draft" }, previous: { title: "Old" } },
      });
      return { raw, headers: new Headers({ "x-ghost-signature": signGhostDelivery(raw, secret) }) };
    },
    cleanup: async ({ items }) => {
      for (const [type, externalId] of items) await ghostApi(site, "DELETE", `${keyOf(type)}/${externalId}/`);
    },
    isExactGuard: true,
    reportsDeletions: false,
    repeatsRecentUnchanged: false,
  };
}

describeAdapterContract("Ghost 5", subjectFor(ghost));
