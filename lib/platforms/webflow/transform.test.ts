import { describe, expect, it } from "vitest";
import { webflowAuthorize } from "./oauth";
import { BLOG_FIELD_MAP } from "./testing/seed";
import { remoteStatusOf, slugify, toFieldData } from "./transform";

describe("Webflow item states and fields", () => {
  it("tells draft, changes in draft, published, queued and archived apart", () => {
    const at = "2026-01-01T00:00:00.000Z";
    expect(remoteStatusOf({ isDraft: true, lastPublished: null })).toEqual({ status: "draft", remoteStatus: "draft" });
    expect(remoteStatusOf({ isDraft: true, lastPublished: at })).toEqual({
      status: "published",
      remoteStatus: "changes_in_draft",
    });
    expect(remoteStatusOf({ isDraft: false, lastPublished: at })).toEqual({
      status: "published",
      remoteStatus: "published",
    });
    expect(remoteStatusOf({ isDraft: false, lastPublished: null })).toEqual({
      status: "draft",
      remoteStatus: "queued_to_publish",
    });
    expect(remoteStatusOf({ isArchived: true, lastPublished: at })).toMatchObject({ remoteStatus: "archived" });
  });

  it("writes a scheduled item's time into the mapped publish date; Webflow gets the slug it accepts", () => {
    const data = toFieldData(
      {
        title: "Ça va? Été 2026!",
        content: "<p>x</p>",
        excerpt: "e",
        slug: "",
        status: "scheduled",
        scheduledAt: "2026-03-01T09:00:00.000Z",
        categoryIds: [],
        tagIds: [],
      },
      BLOG_FIELD_MAP,
      { categories: [], tags: [], image: undefined },
    );
    expect(data).toMatchObject({
      name: "Ça va? Été 2026!",
      slug: "ca-va-ete-2026",
      "post-body": "<p>x</p>",
      "post-summary": "e",
      "publish-date": "2026-03-01T09:00:00.000Z",
    });
    expect(data).not.toHaveProperty("main-image");
    expect(slugify("---")).toBe("item");
  });

  it("OAuth: start sends the user to Webflow with the single-use state; complete reads the code or the refusal", async () => {
    const started = await webflowAuthorize.start({
      siteUrl: "",
      http: fetch,
      appId: "client-1",
      appName: "IGNY8",
      successUrl: "https://igny8.example.com/cb?state=s123",
      rejectUrl: "https://igny8.example.com/cb",
    });
    expect(started.ok && new URL(started.url).searchParams.get("state")).toBe("s123");
    expect(started.ok && new URL(started.url).searchParams.get("scope")).toContain("cms:write");
    expect(webflowAuthorize.complete(new URLSearchParams("code=abc&state=s123"))).toMatchObject({
      ok: true,
      credentials: { authorization_code: "abc" },
    });
    expect(webflowAuthorize.complete(new URLSearchParams("error=access_denied&state=s123"))).toEqual({
      ok: false,
      code: "rejected",
    });
  });
});
