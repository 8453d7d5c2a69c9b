import { describe, expect, it } from "vitest";
import { wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import {
  decodeEntities,
  fromWordPressPost,
  isoToWpGmt,
  toWordPressPayload,
  withoutNul,
  wpGmtToIso,
} from "@/lib/platforms/wordpress/transform";
import postEdit from "./fixtures/post-edit-context.json";
import postView from "./fixtures/post-view-context.json";
import pagesEdit from "./fixtures/pages-list-edit-context.json";
import postsFields from "./fixtures/posts-fields-edit.json";

// Payloads captured from WordPress 6.1.9 (the test fixture): a draft with a category, a tag, a
// featured image and an "&" in the title; the stock "Hello world!" post in view context; a page;
// a `_fields` subset.

describe("fromWordPressPost", () => {
  it("maps an edit-context post with every field we sync", () => {
    const content = fromWordPressPost(wpPostSchema.parse(postEdit));
    expect(content).toEqual({
      externalId: "5",
      contentType: "post",
      title: "Café & <b>bold</b> news",
      content: '<p>Body with <a href="https://example.com">link</a></p>',
      excerpt: "Short summary",
      slug: "cafe-bold-news",
      status: "draft",
      remoteStatus: "draft",
      isTrashed: false,
      publishedAt: null,
      scheduledAt: null,
      categoryIds: ["2"],
      tagIds: ["3"],
      featuredMediaId: "4",
      version: "2026-11-28T02:21:14",
      url: "http://127.0.0.1:8091/?p=5",
    });
  });

  it("falls back to rendered fields in view context, decoding the title and stripping the excerpt", () => {
    const content = fromWordPressPost(wpPostSchema.parse(postView));
    expect(content.title).toBe("Hello world!");
    expect(content.content).toContain("<p>Welcome to WordPress.");
    expect(content.excerpt).toBe(
      "Welcome to WordPress. This is your first post. Edit or delete it, then start writing!",
    );
    expect(content.featuredMediaId).toBeNull();
    expect(content.categoryIds).toEqual(["1"]);
    expect(content.url).toBe("http://127.0.0.1:8091/hello-world/");
  });

  it("maps a page (no terms) and keeps block markup from raw content", () => {
    const content = fromWordPressPost(wpPostSchema.parse(pagesEdit[0]), "page");
    expect(content.contentType).toBe("page");
    expect(content.title).toBe("Sample Page");
    expect(content.content).toContain("<!-- wp:paragraph -->");
    expect(content.categoryIds).toEqual([]);
    expect(content.tagIds).toEqual([]);
  });

  it("reads a _fields subset", () => {
    const content = fromWordPressPost(wpPostSchema.parse(postsFields[0]));
    expect(content.externalId).toBe("5");
    expect(content.title).toBe("Café & <b>bold</b> news");
    expect(content.version).toBe("2026-11-28T02:21:14");
  });

  it("keeps unknown statuses as remoteStatus and treats them as draft", () => {
    const content = fromWordPressPost(wpPostSchema.parse({ ...postEdit, status: "trash" }));
    expect(content.remoteStatus).toBe("trash");
    expect(content.status).toBe("draft");
    expect(content.isTrashed).toBe(true);
  });

  it("maps WordPress's statuses to IGNY8's, with the publish and schedule dates", () => {
    const of = (status: string) => fromWordPressPost(wpPostSchema.parse({ ...postEdit, status }));
    const statuses = ["publish", "private", "future", "draft", "pending"].map((s) => of(s).status);
    expect(statuses).toEqual(["published", "published", "scheduled", "draft", "review"]);
    expect(of("publish")).toMatchObject({ publishedAt: "2026-11-28T02:21:14Z", scheduledAt: null });
    expect(of("future")).toMatchObject({ publishedAt: null, scheduledAt: "2026-11-28T02:21:14Z" });
  });
});

describe("toWordPressPayload", () => {
  it("round-trips the captured post's fields into a REST body", () => {
    const { status: _status, scheduledAt: _at, ...content } = fromWordPressPost(wpPostSchema.parse(postEdit));
    expect(toWordPressPayload({ ...content, status: "draft" })).toEqual({
      title: "Café & <b>bold</b> news",
      content: '<p>Body with <a href="https://example.com">link</a></p>',
      excerpt: "Short summary",
      slug: "cafe-bold-news",
      status: "draft",
      categories: [2],
      tags: [3],
      featured_media: 4,
    });
  });

  it("sends only what is given, and null featured image as 0 (remove)", () => {
    expect(toWordPressPayload({ title: "New" })).toEqual({ title: "New" });
    expect(toWordPressPayload({ featuredMediaId: null, slug: "" })).toEqual({ featured_media: 0 });
  });

  it("converts scheduled dates to WordPress's zone-less UTC", () => {
    const scheduled = toWordPressPayload({ status: "scheduled", scheduledAt: "2027-01-02T03:04:05.678Z" });
    expect(scheduled).toEqual({ status: "future", date_gmt: "2027-01-02T03:04:05" });
    expect(toWordPressPayload({ status: "published" })).toEqual({ status: "publish" });
    expect(isoToWpGmt("2027-01-02T04:04:05+01:00")).toBe("2027-01-02T03:04:05");
    expect(wpGmtToIso("2027-01-02T03:04:05")).toBe("2027-01-02T03:04:05Z");
  });
});

describe("decodeEntities", () => {
  it("decodes numeric, hex and named entities WordPress emits", () => {
    expect(decodeEntities("Tom &#038; Jerry&#8217;s &amp; &hellip; &#x41; &bogus;")).toBe(
      "Tom & Jerry’s & … A &bogus;",
    );
  });

  it("leaves entity-like names of Object.prototype as they are", () => {
    expect(decodeEntities("&constructor; &hasOwnProperty; &toString; &#0;")).toBe(
      "&constructor; &hasOwnProperty; &toString; &#0;",
    );
  });
});

describe("NUL characters from WordPress", () => {
  // WordPress 6.1.9 stores and returns a NUL an administrator saves in a title, excerpt or content
  // (checked against the test site: `"nul\u0000title"` comes back as it was sent); term names it
  // strips itself. PostgreSQL cannot store a NUL, so a pulled post loses them.
  it("are dropped from every text field of a pulled post", () => {
    const post = wpPostSchema.parse({
      ...postEdit,
      title: { raw: "nul\u0000title", rendered: "nul\u0000title" },
      content: { raw: "a\u0000b\u0000", rendered: "" },
      excerpt: { raw: "\u0000e", rendered: "" },
      slug: "s\u0000lug",
      status: "draft\u0000",
      link: "http://127.0.0.1:8091/?p=5\u0000",
    });
    expect(fromWordPressPost(post)).toMatchObject({
      title: "nultitle",
      content: "ab",
      excerpt: "e",
      slug: "slug",
      remoteStatus: "draft",
      status: "draft",
      url: "http://127.0.0.1:8091/?p=5",
    });
  });

  it("are dropped from rendered fields too (view context)", () => {
    const post = wpPostSchema.parse({
      ...postView,
      title: { rendered: "A &amp; B\u0000" },
      excerpt: { rendered: "<p>x\u0000y</p>" },
    });
    expect(fromWordPressPost(post)).toMatchObject({ title: "A & B", excerpt: "xy" });
  });

  it("withoutNul leaves other text untouched", () => {
    expect(withoutNul("Café \u00a0 ✓")).toBe("Café \u00a0 ✓");
  });
});
