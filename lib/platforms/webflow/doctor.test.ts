import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressFetch } from "@/lib/server/egress";
import { startWebflowServer, type WebflowTestServer } from "./testing/server";
import { adapterFor, blogConfig, testFetch } from "./testing/subject";

let server: WebflowTestServer;
beforeAll(async () => {
  server = await startWebflowServer();
});
afterAll(() => server.close());

const doctor = (
  token: string,
  config: Record<string, unknown> | undefined,
  siteUrl = server.origin,
  http = testFetch,
) => adapterFor(server, config).doctor({ siteUrl, credentials: { api_token: token }, config, http });

describe("the Webflow doctor", () => {
  it("connects with a full site token and the confirmed mapping", async () => {
    expect(await doctor(server.fixture.tokens.full, blogConfig(server))).toMatchObject({
      connected: true,
      notes: [expect.stringContaining("Blog Posts")],
    });
  });

  it("names the scopes a token lacks", async () => {
    const report = await doctor(server.fixture.tokens.readOnly, blogConfig(server));
    expect(report).toMatchObject({
      connected: false,
      code: "missing_scopes",
      message: expect.stringContaining("cms:write"),
    });
    expect(report.fix).toContain("cms:write");
  });

  it("plan_required when the site's plan refuses CMS writes", async () => {
    const config = {
      site_id: server.fixture.freeSiteId,
      collection_id: server.fixture.freeBlogId,
      field_map: { body: "content" },
    };
    expect(await doctor(server.fixture.tokens.free, config)).toMatchObject({
      connected: false,
      code: "plan_required",
      fix: expect.stringContaining("paid"),
    });
  });

  it("collection_missing when the collection is gone, mapping_invalid naming a field that changed", async () => {
    const gone = { ...blogConfig(server), collection_id: "0123456789abcdef01234567" };
    expect(await doctor(server.fixture.tokens.full, gone)).toMatchObject({
      connected: false,
      code: "collection_missing",
    });
    const wrong = { ...blogConfig(server), field_map: { ...blogConfig(server).field_map, summary: "no-such-field" } };
    expect(await doctor(server.fixture.tokens.full, wrong)).toMatchObject({
      connected: false,
      code: "mapping_invalid",
      message: expect.stringContaining("no-such-field"),
    });
  });

  it("auth_failed, unreachable, blocked_address and invalid_url", async () => {
    expect(await doctor("site-token-that-webflow-does-not-know", blogConfig(server))).toMatchObject({
      code: "auth_failed",
    });
    const closed = await adapterFor({ ...server, apiBaseUrl: "http://127.0.0.1:9/v2" }).doctor({
      siteUrl: server.origin,
      credentials: { api_token: server.fixture.tokens.full },
      http: testFetch,
    });
    expect(closed).toMatchObject({ connected: false, code: "unreachable" });
    const blocked = await doctor(server.fixture.tokens.full, blogConfig(server), "http://10.0.0.7", egressFetch);
    expect(blocked).toMatchObject({ connected: false, code: "blocked_address" });
    expect(await doctor(server.fixture.tokens.full, blogConfig(server), "ftp://example.com")).toMatchObject({
      code: "invalid_url",
    });
  });
});
