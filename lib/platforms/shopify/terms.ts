import "server-only";
import type { PlatformSession, RemoteTerm, TaxonomyKind } from "@/lib/platforms/types";
import { createBlog, listBlogs } from "./blogs";
import { ARTICLE_TAGS } from "./operations";
import type { Store } from "./store";

const tagTerm = (name: string): RemoteTerm => ({ externalId: name, name, slug: name, parentId: null, count: 0 });

/**
 * Shopify has no term objects: a tag is a string on an article, and exists once an article carries it.
 * So a tag's id is its name; `ensure` returns the name and remembers it for this session (a tag
 * nobody uses yet is listed by this session only). Categories are tags too, unless the integration
 * maps them to blogs (`categories_as: "blog"`): then a category is a blog, found or created by title.
 */
export function termsOf(store: Store): PlatformSession["terms"] {
  const ensured = new Set<string>();
  const isBlog = (kind: TaxonomyKind) => kind === "category" && store.categoriesAs === "blog";

  // Categories and tags are both the store's tags: callers at the same moment (a pull lists both
  // kinds at once) share one request.
  let reading: Promise<string[]> | undefined;
  function storeTags(): Promise<string[]> {
    reading ??= store.client
      .request<{ articleTags: string[] }>(ARTICLE_TAGS, { limit: 250 })
      .then((data) => data.articleTags)
      .finally(() => (reading = undefined));
    return reading;
  }
  async function blogs(): Promise<RemoteTerm[]> {
    return (await listBlogs(store)).map((b) => ({
      externalId: b.id,
      name: b.title,
      slug: b.handle,
      parentId: null,
      count: b.itemCount,
    }));
  }

  return {
    async list(kind) {
      if (isBlog(kind)) return blogs();
      const names = new Set([...(await storeTags()), ...ensured]);
      return [...names].map(tagTerm);
    },
    async ensure(kind, { name }) {
      if (isBlog(kind)) {
        const found = (await blogs()).find((b) => b.name.toLowerCase() === name.toLowerCase());
        if (found) return { externalId: found.externalId, created: false };
        return { externalId: (await createBlog(store, { title: name })).id, created: true };
      }
      const known = ensured.has(name) || (await storeTags()).includes(name);
      ensured.add(name);
      return { externalId: name, created: !known };
    },
  };
}
