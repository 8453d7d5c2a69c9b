import "server-only";
import type { ConfigProblem, PlatformDestinations } from "@/lib/platforms/types";
import { listBlogs, createBlog } from "./blogs";
import type { ShopifyEndpoints } from "./endpoints";
import { FIX } from "./errors";
import { openStore } from "./session";
import { shopifyConfigSchema, type Store } from "./store";
import { fromGid } from "./transform";

/** Problems of a `config_json` for Shopify: its shape, then a chosen blog the store does not have. */
async function checkConfig(store: Store | undefined, config: unknown, previous: unknown): Promise<ConfigProblem[]> {
  const parsed = shopifyConfigSchema.safeParse(config ?? {});
  if (!parsed.success) return parsed.error.issues.map((i) => ({ field: i.path.join("."), problem: i.message }));
  const chosen = parsed.data.blog_id;
  const before = shopifyConfigSchema.safeParse(previous ?? {}).data?.blog_id;
  if (!store || !chosen || (before && fromGid(before) === fromGid(chosen))) return [];
  const blogs = await listBlogs(store);
  if (blogs.some((b) => b.id === fromGid(chosen))) return [];
  const known = blogs.map((b) => `${b.id} (${b.title})`).join(", ") || "none";
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
    noun: "blog",
    configKey: "blog_id",
    list: (params) => listBlogs(openStore(params, endpoints)),
    create: (params, input) => createBlog(openStore(params, endpoints), input),
    async checkConfig({ previous, ...params }) {
      const shape = await checkConfig(undefined, params.config, previous);
      if (shape.length) return shape;
      return checkConfig(openStore(params, endpoints), params.config, previous);
    },
  };
}
