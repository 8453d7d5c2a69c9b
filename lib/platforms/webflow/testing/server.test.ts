import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebflowClient } from "webflow-api";
import { startWebflowServer, type WebflowTestServer } from "./server";

let server: WebflowTestServer;
let client: WebflowClient;
beforeAll(async () => {
  server = await startWebflowServer();
  client = new WebflowClient({ accessToken: server.fixture.tokens.full, baseUrl: server.apiBaseUrl, maxRetries: 0 });
});
afterAll(() => server.close());

const raw = (path: string, init: RequestInit = {}) =>
  fetch(`${server.apiBaseUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${server.fixture.tokens.full}`,
      "content-type": "application/json",
      ...init.headers,
    },
  });

describe("the Webflow test server", () => {
  it("answers the real client with spec-valid sites, collections and items", async () => {
    const { sites } = await client.sites.list();
    expect(sites?.map((s) => s.id)).toEqual([server.fixture.siteId]);
    const blog = await client.collections.get(server.fixture.blogId);
    expect(blog.fields.map((f) => f.slug)).toContain("post-body");
    const item = await client.collections.items.createItem(server.fixture.blogId, {
      isDraft: true,
      fieldData: { name: "Hello", slug: "hello", "post-body": "<p>Hi</p>" },
    });
    expect(item).toMatchObject({ isDraft: true, fieldData: { slug: "hello" } });
    expect(item.lastPublished ?? null).toBeNull();
    expect(server.violations).toEqual([]);
  });

  it("refuses a request the spec refuses with 422 naming the problem", async () => {
    const res = await raw(`/collections/${server.fixture.blogId}/items`, {
      method: "POST",
      body: JSON.stringify({ isDraft: true }),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("fieldData");
    const sort = await raw(`/collections/${server.fixture.blogId}/items?sortBy=title`);
    expect(sort.status).toBe(422);
    expect(await sort.text()).toMatch(/sortBy|allowed values/);
  });

  it("turns its own answer that breaks the spec into a 500 the client sees", async () => {
    const [item] = (await client.collections.items.listItems(server.fixture.blogId)).items ?? [];
    server.tamper.set("Get-Item", (answer) => ({
      ...answer,
      body: { ...(answer.body as object), lastUpdated: undefined, createdOn: 7 },
    }));
    await expect(client.collections.items.getItem(server.fixture.blogId, item.id!)).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(server.violations.join("\n")).toMatch(/response Get-Item: .*lastUpdated/);
  });

  it("401 without a good token, 403 naming a missing scope, 429 with Retry-After once the budget is spent", async () => {
    expect((await fetch(`${server.apiBaseUrl}/sites`)).status).toBe(401);
    const readOnly = new WebflowClient({
      accessToken: server.fixture.tokens.readOnly,
      baseUrl: server.apiBaseUrl,
      maxRetries: 0,
    });
    await expect(
      readOnly.collections.items.createItem(server.fixture.blogId, {
        isDraft: true,
        fieldData: { name: "x", slug: "x" },
      }),
    ).rejects.toMatchObject({
      statusCode: 403,
      body: { code: "missing_scopes", message: expect.stringContaining("cms:write") },
    });
    server.gate.budget = { limit: 2, windowMs: 60_000 };
    try {
      const statuses: number[] = [];
      let retryAfter = "";
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${server.apiBaseUrl}/sites`, {
          headers: { authorization: `Bearer ${server.fixture.tokens.free}` },
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after") ?? "";
      }
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      server.gate.budget = { limit: 600, windowMs: 60_000 };
    }
  });
});
