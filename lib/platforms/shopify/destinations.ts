import "server-only";
import type { ConfigProblem, PlatformDestinations } from "@/lib/platforms/types";
import { createBlog, listBlogs } from "./blogs";
import type { ShopifyEndpoints } from "./endpoints";
import { FIX } from "./errors";
import { openStore } from "./session";
import { shopifyConfigSchema, type Store } from "./store";
import { fromGid } from "./transform";

/** The problem of a chosen blog the store does not have, naming (some of) the ones it has. */
async function missingBlog(store: Store, chosen: string): Promise<ConfigProblem[]> {
  const blogs = await listBlogs(store);
  if (blogs.some((b) => b.id === fromGid(chosen))) return [];
  const some = blogs.slice(0, 10).map((b) => `${b.id} (${b.title})`);
  const known = [...some, ...(blogs.length > 10 ? [`${blogs.length - 10} more`] : [])].join(", ") || "none";
  return [
    {
      field: "blog_id",
      problem: `the store has no blog with id ${fromGid(chosen)} (its blogs: ${known})`,
      fix: FIX.chooseBlog,
    },
  ];
}

/** A Shopify connection's blog: listed, created and checked through `endpoints`. */
export function shopifyDestinations(endpoints: ShopifyEndpoints): PlatformDestinations {
  return {
    list: (params) => listBlogs(openStore(params, endpoints)),
    create: (params, input) => createBlog(openStore(params, endpoints), input),
    // The shape first, without asking the store; then a new choice against the store's blogs.
    async checkConfig({ previous, ...params }) {
      const parsed = shopifyConfigSchema.safeParse(params.config ?? {});
      if (!parsed.success) return parsed.error.issues.map((i) => ({ field: i.path.join("."), problem: i.message }));
      const chosen = parsed.data.blog_id;
      const before = shopifyConfigSchema.safeParse(previous ?? {}).data?.blog_id;
      if (!chosen || (before && fromGid(before) === fromGid(chosen))) return [];
      return missingBlog(openStore(params, endpoints), chosen);
    },
  };
}
