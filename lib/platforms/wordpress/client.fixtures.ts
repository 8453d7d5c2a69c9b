import { afterAll } from "vitest";
import { createWordPressClient } from "@/lib/platforms/wordpress/client";
import { wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import type { TestServer } from "@/test/support/proxy";
import { getWordPressTestSite, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";

/** Shared setup of the WordPress client tests against a real WordPress (client*.test.ts). */

export const site = getWordPressTestSite("pretty");
export const plain = getWordPressTestSite("plain");

/**
 * The client of a "against a real WordPress" describe, with what its tests create (removed after
 * them) and the servers they start (closed after them). Call it inside the describe.
 */
export function setUpWordPressClient() {
  const wp = site ?? UNCONFIGURED_SITE;
  const client = createWordPressClient({
    siteUrl: wp.url,
    username: wp.username,
    applicationPassword: wp.applicationPassword,
    retry: { baseDelayMs: 10 },
  });
  // Writes as the adapter makes them (lib/platforms/wordpress/push.ts), through any client.
  const createPost = async (c: typeof client, payload: Record<string, unknown>) =>
    (await c.request("POST", "/wp/v2/posts", { json: payload, schema: wpPostSchema })).data;
  const updatePost = async (id: number, payload: Record<string, unknown>) =>
    (await client.request("PUT", `/wp/v2/posts/${id}`, { json: payload, schema: wpPostSchema })).data;
  const createdPosts: number[] = [];
  const createdTerms: Array<[string, number]> = [];
  const createdMedia: number[] = [];
  const servers: TestServer[] = [];

  afterAll(async () => {
    for (const id of createdPosts) await wpRest(wp, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
    for (const [tax, id] of createdTerms)
      await wpRest(wp, "DELETE", `/wp/v2/${tax}/${id}`, { query: { force: "true" } });
    for (const id of createdMedia) await wpRest(wp, "DELETE", `/wp/v2/media/${id}`, { query: { force: "true" } });
    await Promise.all(servers.map((s) => s.close()));
  });

  return { wp, client, createPost, updatePost, createdPosts, createdTerms, createdMedia, servers };
}
