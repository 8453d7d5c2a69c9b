import { describe, expect, it } from "vitest";
import collision from "./fixtures/error-update-collision.json";
import pages from "./fixtures/pages-browse.json";
import draft from "./fixtures/post-draft.json";
import published from "./fixtures/post-published.json";
import scheduled from "./fixtures/post-scheduled.json";
import welcome from "./fixtures/posts-browse-welcome.json";
import { fromHttpError } from "./errors";
import { ghostPostSchema } from "./schemas";
import { fromGhostPost, mediaIdOf, readMediaId, statusOf, toGhostPost } from "./transform";

// Payloads captured from a real Ghost 5.130 (formats=html, include=tags).
const post = (doc: { posts?: unknown[]; pages?: unknown[] }) => ghostPostSchema.parse((doc.posts ?? doc.pages)![0]);

describe("fromGhostPost", () => {
  it("reads a published post with tags, feature image, excerpt and SEO", () => {
    const item = fromGhostPost(post(published), "post");
    expect(item).toMatchObject({
      title: "Fixture published (edited)",
      content: "<p>Hello <strong>Ghost</strong></p>",
      excerpt: "An excerpt",
      slug: "fixture-published",
      status: "published",
      remoteStatus: "published",
      isTrashed: false,
      url: "http://127.0.0.1:2368/fixture-published/",
      version: "2026-12-07T02:00:12.000Z",
      seo: {
        seo_title: "SEO title",
        seo_description: "SEO description",
        focus_keyword: null,
        canonical_url: "https://example.com/canonical/",
      },
    });
    expect(item.publishedAt).toMatch(/^2026-12-07T/);
    expect(item.scheduledAt).toBeNull();
    const [news, tech] = published.posts[0].tags;
    // The primary tag reads as the category; the rest as tags.
    expect(item.categoryIds).toEqual([news.id]);
    expect(item.tagIds).toEqual([tech.id]);
    expect(readMediaId(item.featuredMediaId!)).toEqual({
      url: "http://127.0.0.1:2368/content/images/2026/12/cap.png",
      alt: "A small square",
    });
    expect(fromGhostPost(post(published), "post", "tag")).toMatchObject({
      categoryIds: [],
      tagIds: [news.id, tech.id],
    });
  });

  it("reads scheduled and draft posts without a public address", () => {
    const later = fromGhostPost(post(scheduled), "post");
    expect(later).toMatchObject({ status: "scheduled", remoteStatus: "scheduled", url: "", publishedAt: null });
    expect(later.scheduledAt).toBe(scheduled.posts[0].published_at);
    const wip = fromGhostPost(post(draft), "post");
    expect(wip).toMatchObject({
      status: "draft",
      url: "",
      publishedAt: null,
      scheduledAt: null,
      featuredMediaId: null,
    });
    expect(wip.excerpt).toBe("");
  });

  it("reads a page and the mobiledoc welcome post (html rendered by Ghost)", () => {
    expect(fromGhostPost(post(pages), "page")).toMatchObject({ contentType: "page", status: "published" });
    expect(fromGhostPost(post(welcome), "post").content).toMatch(/<p>/);
  });

  it("maps Ghost's sent (email-only newsletter) status to published, keeping 'sent'", () => {
    const sent = fromGhostPost({ ...post(published), status: "sent" }, "post");
    expect(sent).toMatchObject({ status: "published", remoteStatus: "sent", url: "" });
    expect(statusOf("draft")).toBe("draft");
  });
});

describe("toGhostPost", () => {
  const fields = {
    title: "T",
    content: "<p>x</p>",
    excerpt: "",
    slug: "",
    status: "scheduled" as const,
    scheduledAt: "2030-01-01T10:00:00.000Z",
    categoryIds: ["c1"],
    tagIds: ["t1", "c1"],
  };

  it("sends the whole tag list, categories first (the primary tag), without duplicates", () => {
    expect(toGhostPost(fields).tags).toEqual([{ id: "c1" }, { id: "t1" }]);
    expect(toGhostPost(fields, "tag").tags).toEqual([{ id: "t1" }, { id: "c1" }]);
    expect(toGhostPost({ ...fields, categoryIds: [], tagIds: [] }).tags).toEqual([]);
  });

  it("schedules with published_at, leaves slug and image alone unless given, clears an empty excerpt", () => {
    const body = toGhostPost(fields);
    expect(body).toMatchObject({ status: "scheduled", published_at: fields.scheduledAt, custom_excerpt: null });
    expect(body).not.toHaveProperty("slug");
    expect(body).not.toHaveProperty("feature_image");
    expect(body).not.toHaveProperty("meta_title");
  });

  it("writes the image with its alt, and SEO to meta, Open Graph and X fields; null clears", () => {
    const body = toGhostPost({
      ...fields,
      featuredMediaId: mediaIdOf("https://x.test/a.png", "Alt, with #"),
      seo: { seo_title: "S", seo_description: null, focus_keyword: "k", canonical_url: null },
    });
    expect(body).toMatchObject({
      feature_image: "https://x.test/a.png",
      feature_image_alt: "Alt, with #",
      meta_title: "S",
      og_title: "S",
      twitter_title: "S",
      meta_description: null,
      og_description: null,
      canonical_url: null,
    });
    expect(toGhostPost({ ...fields, featuredMediaId: null })).toMatchObject({ feature_image: null });
  });
});

describe("fromHttpError", () => {
  it("makes Ghost's 409 UpdateCollisionError a conflict and a bad token auth_failed", () => {
    expect(fromHttpError(409, JSON.stringify(collision), null)).toMatchObject({
      code: "conflict",
      platformCode: "UPDATE_COLLISION",
      retryable: false,
    });
    expect(fromHttpError(400, '{"errors":[{"message":"Invalid token","code":"INVALID_JWT"}]}', null).code).toBe(
      "auth_failed",
    );
    expect(fromHttpError(429, "", "2")).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 2000 });
    expect(fromHttpError(403, "<html>", null).code).toBe("rest_blocked");
  });
});
