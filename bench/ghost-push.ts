// The push half of bench/ghost.ts: N new posts through the engine's push and N bare
// `POST /posts/?source=html` at the same concurrency; every post made is deleted again afterwards.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { Site, SiteIntegration } from "@/db/tables";
import type { PlatformFetch } from "@/lib/platforms/types";
import { type GhostCall, inLanes } from "./ghost-site";
import { timed } from "./support";

export type PushResult = {
  ms: number;
  ok: number;
  requests: number;
  ids: string[];
  /** The engine's own time before its first request and after its last answer (its database work). */
  before?: number;
  after?: number;
};

const body = (i: number, stamp: string) => `<p>Benchmark post ${i} of ${stamp}.</p>`;

/** N approved items pushed through the engine (createSyncContext + pushItems, as bench/push.ts does). */
export async function enginePush(
  db: Db,
  params: { accountId: string; integration: SiteIntegration; site: Site; count: number },
): Promise<PushResult> {
  const { createSyncContext } = await import("@/lib/server/services/sync/context");
  const { pushItems } = await import("@/lib/server/services/sync/push");
  const { egressFetch } = await import("@/lib/server/egress");
  const { content } = await import("@/db/tables");
  const stamp = `engine-${Date.now().toString(36)}`;
  const rows = Array.from({ length: params.count }, (_, i) => ({
    accountId: params.accountId,
    siteId: params.site.id,
    title: `Bench ${stamp} #${i}`,
    slug: `bench-${stamp}-${i}`,
    content: body(i, stamp),
    status: "approved" as const,
  }));
  const items = await db.insert(content).values(rows).returning();
  // The engine's own egress, wrapped only to count what it sends and when.
  let requests = 0;
  let first = Infinity;
  let last = 0;
  const counting: PlatformFetch = async (url, init) => {
    requests++;
    first = Math.min(first, performance.now());
    try {
      return await egressFetch(url, init);
    } finally {
      last = performance.now();
    }
  };
  const ctx = await createSyncContext(db, { integration: params.integration, site: params.site, egress: counting });
  const started = performance.now();
  const result = await timed(() => pushItems(ctx, items, { batch: false }));
  const ids = result.value.flatMap((o) => (o.ok && o.externalId ? [o.externalId] : []));
  const ended = started + result.ms;
  return { ms: result.ms, ok: ids.length, requests, ids, before: first - started, after: ended - last };
}

/**
 * N creates with plain fetch at `concurrency`, each with the body the adapter sends for such an
 * item (lib/platforms/ghost/transform.ts toGhostPost, plus the marker of marker.ts in codeinjection_foot).
 */
export async function barePush(call: GhostCall, count: number, concurrency: number): Promise<PushResult> {
  const stamp = `bare-${Date.now().toString(36)}`;
  const seo = { meta_title: null, meta_description: null, canonical_url: null, og_title: null };
  const social = { og_description: null, twitter_title: null, twitter_description: null };
  const result = await timed(() =>
    inLanes(count, concurrency, async (i) => {
      const post = {
        title: `Bench ${stamp} #${i}`,
        html: body(i, stamp),
        custom_excerpt: null,
        status: "published",
        tags: [],
        slug: `bench-${stamp}-${i}`,
        ...seo,
        ...social,
        codeinjection_foot: `<!-- igny8:${randomUUID()} categories:0 -->`,
      };
      const res = await call<{ posts: Array<{ id: string }> }>("POST", "posts/", {
        query: { source: "html" },
        json: { posts: [post] },
      });
      return res.status === 201 ? res.data.posts[0].id : undefined;
    }),
  );
  const ids = result.value.filter((id): id is string => Boolean(id));
  return { ms: result.ms, ok: ids.length, requests: count, ids };
}

/** Deletes the posts, `concurrency` at a time; answers how many Ghost deleted (204) or no longer had (404). */
export async function deletePosts(call: GhostCall, ids: string[], concurrency: number): Promise<number> {
  const statuses = await inLanes(
    ids.length,
    concurrency,
    async (i) => (await call("DELETE", `posts/${ids[i]}/`)).status,
  );
  return statuses.filter((s) => s === 204 || s === 404).length;
}
