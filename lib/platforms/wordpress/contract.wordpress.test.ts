import { Webhook } from "standardwebhooks";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { describeAdapterContract } from "@/lib/platforms/testing/contract";
import type { ContractSubject } from "@/lib/platforms/testing/contract-subject";
import { egressFetch } from "@/lib/server/egress";
import { getWordPressTestSite, wpRest, type WordPressTestSite } from "@/test/support/wordpress";

// The fixture's two instances: WP_TEST_URL runs the IGNY8 plugin (its write guard, changes feed and
// lookups); WP_TEST_PLAIN_URL has plain permalinks and no plugin (read-then-write, slug lookups).
const withPlugin = getWordPressTestSite("pretty");
const withoutPlugin = getWordPressTestSite("plain");
const TAXONOMY_ROUTE = { category: "categories", tag: "tags" } as const;

function subjectFor(wp: WordPressTestSite | undefined, hasPlugin: boolean): ContractSubject | undefined {
  if (!wp) return undefined;
  const remove = (route: string, force: boolean) =>
    wpRest(wp, "DELETE", route, force ? { query: { force: "true" } } : {});
  return {
    adapter: getPlatformAdapter("wordpress"),
    siteUrl: wp.url,
    credentials: {
      good: { username: wp.username, application_password: wp.applicationPassword },
      bad: { username: wp.username, application_password: "abcd efgh ijkl mnop qrst uvwx" },
    },
    http: egressFetch,
    // modified_gmt is kept to the second.
    tick: () => new Promise((resolve) => setTimeout(resolve, 1_100)),
    editRemote: async (_type, id, fields) => void (await wpRest(wp, "POST", `/wp/v2/posts/${id}`, { json: fields })),
    trashRemote: async (_type, id) => void (await remove(`/wp/v2/posts/${id}`, false)),
    deleteRemote: async (_type, id) => void (await remove(`/wp/v2/posts/${id}`, true)),
    signDelivery: ({ contentType, externalId }, secret) => {
      const raw = JSON.stringify({
        action: "post_updated",
        post_id: Number(externalId),
        post_type: contentType,
        site_url: wp.url,
      });
      const id = `msg_${crypto.randomUUID()}`;
      const timestamp = new Date();
      const headers = new Headers({
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign(id, timestamp, raw),
      });
      return { raw, headers };
    },
    cleanup: async ({ items, terms, media }) => {
      for (const [, id] of items) await remove(`/wp/v2/posts/${id}`, true);
      for (const [kind, id] of terms) await remove(`/wp/v2/${TAXONOMY_ROUTE[kind]}/${id}`, true);
      for (const id of media) await remove(`/wp/v2/media/${id}`, true);
    },
    isExactGuard: hasPlugin,
    reportsDeletions: false,
    repeatsRecentUnchanged: true,
  };
}

describeAdapterContract("WordPress with the IGNY8 plugin", subjectFor(withPlugin, true));
describeAdapterContract("WordPress without the plugin (plain permalinks)", subjectFor(withoutPlugin, false));
