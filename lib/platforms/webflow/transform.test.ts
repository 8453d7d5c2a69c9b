import { describe, expect, it } from "vitest";
import { webflowAuthorize } from "./authorize";
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

  it("OAuth: start sends the user to Webflow with the single-use state; complete reads a refusal or a missing code", async () => {
    const authorize = webflowAuthorize({});
    const app = { clientId: "client-1", clientSecret: "secret-1" };
    const base = { siteUrl: "", http: fetch, appId: "", appName: "IGNY8", callbackUrl: "https://igny8.example.com/cb" };
    const started = await authorize.start({ ...base, state: "s123", app });
    const url = new URL(started.ok ? started.url : "about:blank");
    expect(url.origin + url.pathname).toBe("https://webflow.com/oauth/authorize");
    expect(url.searchParams.get("state")).toBe("s123");
    expect(url.searchParams.get("redirect_uri")).toBe("https://igny8.example.com/cb");
    expect(url.searchParams.get("scope")).toContain("cms:write");
    expect(await authorize.start({ ...base, state: "s123" })).toMatchObject({
      ok: false,
      code: "oauth_not_configured",
    });
    const complete = (query: string) => authorize.complete({ ...base, query: new URLSearchParams(query), app });
    expect(await complete("error=access_denied&state=s123")).toMatchObject({ ok: false, code: "rejected" });
    expect(await complete("state=s123")).toMatchObject({ ok: false, code: "invalid_callback" });
  });
});
