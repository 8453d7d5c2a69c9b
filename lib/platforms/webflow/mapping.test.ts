import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestFieldMap, validateFieldMap, webflowSetup } from "./index";
import { BLOG_FIELD_MAP } from "./testing/seed";
import { startWebflowServer, type WebflowTestServer } from "./testing/server";
import { adapterFor, testFetch } from "./testing/subject";

let server: WebflowTestServer;
beforeAll(async () => {
  server = await startWebflowServer();
});
afterAll(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});
const setup = () => webflowSetup({ api_token: server.fixture.tokens.full }, { baseUrl: server.apiBaseUrl });

describe("the field mapping", () => {
  it("lists sites, collections and fields, and suggests every role of the blog collection", async () => {
    expect(await setup().listSites()).toEqual([
      { id: server.fixture.siteId, name: "IGNY8 Test Blog", shortName: "igny8-test-blog" },
    ]);
    expect((await setup().listCollections(server.fixture.siteId)).map((c) => c.slug).sort()).toEqual([
      "blog",
      "categories",
      "tags",
    ]);
    const { fields, suggested } = await setup().describeCollection(server.fixture.blogId);
    expect(fields.find((f) => f.slug === "post-body")?.type).toBe("RichText");
    expect(suggested).toEqual(BLOG_FIELD_MAP);
  });

  it("suggests by type and common slugs on another collection, and leaves unclear text fields unmapped", () => {
    const f = (slug: string, type: string) => ({ id: slug, slug, displayName: slug, type, isRequired: false });
    const collection = {
      id: "c",
      displayName: "Articles",
      fields: [
        f("name", "PlainText"),
        f("slug", "PlainText"),
        f("content", "RichText"),
        f("author-bio", "PlainText"),
        f("thumbnail", "Image"),
        f("topic", "Option"),
        f("date", "DateTime"),
      ],
    };
    expect(suggestFieldMap(collection)).toEqual({
      body: "content",
      image: "thumbnail",
      categories: "topic",
      publish_date: "date",
    });
  });

  it("a field deleted or retyped in Webflow stops the push with mapping_invalid naming it, nothing written", async () => {
    const session = adapterFor(server).connect({
      siteUrl: server.origin,
      credentials: { api_token: server.fixture.tokens.full },
      http: testFetch,
    });
    const blog = server.store.collections.get(server.fixture.blogId)!;
    const original = structuredClone(blog.fields);
    try {
      blog.fields = blog.fields.filter((f) => f.slug !== "post-summary");
      blog.fields.find((f) => f.slug === "post-body")!.type = "PlainText";
      expect(validateFieldMap({ ...blog }, BLOG_FIELD_MAP).map((p) => p.field)).toEqual(["post-body", "post-summary"]);
      const before = server.store.entries(blog.id).size;
      const item = {
        ref: "r",
        contentType: "post",
        fields: {
          title: "T",
          content: "<p>x</p>",
          excerpt: "",
          slug: "",
          status: "draft" as const,
          categoryIds: [],
          tagIds: [],
        },
      };
      const pushing = session.push([item]);
      await expect(pushing).rejects.toMatchObject({
        platformCode: "mapping_invalid",
        message: expect.stringContaining("post-summary"),
      });
      await expect(session.push([item])).rejects.toThrow(/post-body/);
      expect(server.store.entries(blog.id).size).toBe(before);
      expect(await setup().checkFieldMap(blog.id, BLOG_FIELD_MAP)).toHaveLength(2);
    } finally {
      blog.fields = original;
    }
    // The user edits the mapping (summary dropped): it fits again.
    const { summary: _dropped, ...edited } = BLOG_FIELD_MAP;
    void _dropped;
    expect(await setup().checkFieldMap(blog.id, edited)).toEqual([]);
  });
});
