import { describe, expect, it } from "vitest";
import { contentHash, type HashableContent } from "./hash";

const item: HashableContent = {
  title: "Hello",
  content: "<p>Body</p>",
  excerpt: "Short",
  slug: "hello",
  categories: ["News", "Tech"],
  tags: ["a"],
  featuredImageUrl: "https://example.com/a.jpg",
};

describe("contentHash", () => {
  it("ignores term order, term case and line endings", () => {
    expect(contentHash({ ...item, categories: ["tech", "News"], content: "<p>Body</p>\r\n" })).toBe(contentHash(item));
  });

  it.each([
    ["title", { title: "Hello!" }],
    ["content", { content: "<p>Body.</p>" }],
    ["excerpt", { excerpt: "Longer" }],
    ["slug", { slug: "hello-2" }],
    ["categories", { categories: ["News"] }],
    ["tags", { tags: [] }],
    ["featured image", { featuredImageUrl: null }],
  ])("changes when the %s changes", (_field, change) => {
    expect(contentHash({ ...item, ...change })).not.toBe(contentHash(item));
  });

  const seo = { seo_title: "Tulips", seo_description: "When to plant", focus_keyword: "tulips", canonical_url: null };

  it("keeps the hash it had before SEO fields existed while none is set", () => {
    // The value the hash had at the commit before the SEO fields: stored hashes stay valid.
    const before = "9922c8e37bec4b55d624f20e4a36b684b0d2ecce91f29543eda0405ab74eb706";
    expect(contentHash(item)).toBe(before);
    const none = { seo_title: null, seo_description: "", focus_keyword: null, canonical_url: null };
    expect(contentHash({ ...item, seo: none })).toBe(before);
  });

  it.each([
    ["SEO title", { seo_title: "Tulips!" }],
    ["SEO description", { seo_description: "How deep" }],
    ["focus keyword", { focus_keyword: "bulbs" }],
    ["canonical URL", { canonical_url: "https://example.com/tulips/" }],
  ])("changes when the %s changes", (_field, change) => {
    expect(contentHash({ ...item, seo: { ...seo, ...change } })).not.toBe(contentHash({ ...item, seo }));
  });

  it("tells an SEO title from the same text as a description", () => {
    const empty = { seo_title: null, seo_description: null, focus_keyword: null, canonical_url: null };
    const asTitle = contentHash({ ...item, seo: { ...empty, seo_title: "x" } });
    expect(asTitle).not.toBe(contentHash({ ...item, seo: { ...empty, seo_description: "x" } }));
  });
});
