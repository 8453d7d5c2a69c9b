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
});
