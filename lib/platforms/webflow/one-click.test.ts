import { afterAll, describe, expect, it } from "vitest";
import { listCollectionFields, listCollections } from "@/lib/server/services/integration-setup";
import { openIntegrationCredentials } from "@/lib/server/services/integration-credentials";
import {
  allowEgress,
  callback,
  followAuthorize,
  getIntegrationRoute,
  integrationRows,
  setEnv,
  startRoute,
  stateOf,
  tenantWithSite,
} from "@/lib/server/services/one-click.fixtures";
import { startWebflowServer } from "./testing/server";

// One-click connect by OAuth against the spec-validated Webflow test server, through the app's real
// routes: the start endpoint, Webflow's approval page (redirects back with code and state), our callback.
const server = await startWebflowServer();
allowEgress(server.origin);
setEnv({
  WEBFLOW_API_URL: server.apiBaseUrl,
  WEBFLOW_OAUTH_URL: server.origin,
  WEBFLOW_CLIENT_ID: server.oauth.clientId,
  WEBFLOW_CLIENT_SECRET: server.oauth.clientSecret,
});
afterAll(() => server.close());

const SITE_URL = "https://igny8-test-blog.webflow.io";

async function approve(key: string, siteId: string) {
  const started = await startRoute(key, { site_id: siteId, platform: "webflow", external_site_url: SITE_URL });
  expect(started.status).toBe(200);
  const authorizeUrl = started.json.authorize_url as string;
  return { authorizeUrl, started, back: await followAuthorize(authorizeUrl) };
}

describe("Connect with Webflow", () => {
  it("start → approve in Webflow → callback: connected with a sealed token, ready for choosing the collection and fields", async () => {
    const t = await tenantWithSite("webflow-oauth", SITE_URL);
    const { authorizeUrl, started, back } = await approve(t.apiKey, t.site.id);
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${server.origin}/oauth/authorize`);
    expect(url.searchParams.get("client_id")).toBe(server.oauth.clientId);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(
      expect.arrayContaining(["sites:read", "cms:read", "cms:write", "assets:read", "assets:write"]),
    );
    expect(back.origin + back.pathname).toBe("http://localhost:3000/settings/integration/connect/callback");
    expect(back.searchParams.get("state")).toBe(stateOf(authorizeUrl));

    const requestsBefore = server.stats.requests;
    const done = await callback(t.apiKey, back);
    expect(done.status).toBe(303);
    expect(done.result).toMatchObject({ outcome: "connected", platform: "webflow" });
    // The doctor ran against the API with the new token (sites:read), and the row says when.
    expect(server.stats.requests).toBeGreaterThan(requestsBefore);
    const [row] = await integrationRows(t.db, t.auth.accountId);
    expect(row).toMatchObject({
      id: done.result.integration,
      platform: "webflow",
      externalSiteUrl: SITE_URL,
      connectionStatus: "connected",
      connectionCheckedAt: expect.any(Date),
      configJson: {},
    });
    const { access_token } = openIntegrationCredentials(row, t.site);
    expect(server.store.tokens.get(access_token)).toMatchObject({ isOAuthApp: true });
    const answer = await getIntegrationRoute(t.apiKey, row.id);
    expect(JSON.parse(answer.text)).toMatchObject({ credentials: { has_access_token: true } });
    for (const text of [JSON.stringify(started.json), done.location, answer.text, JSON.stringify(row.credentialsJson)])
      expect(text).not.toContain(access_token);

    // What the field-mapping screen lists next: the sites' collections, then a collection's fields.
    const collections = await listCollections(t.db, t.auth.accountId, row.id);
    const blog = collections.find((c) => c.id === server.fixture.blogId);
    expect(blog).toMatchObject({ name: "Blog Posts", site_name: "IGNY8 Test Blog" });
    const fields = await listCollectionFields(t.db, t.auth.accountId, row.id, blog!.id);
    expect(fields).toContainEqual(expect.objectContaining({ slug: "post-body", suggested_role: "body" }));
    expect(server.violations).toEqual([]);

    const replay = await callback(t.apiKey, back);
    expect(replay.result).toMatchObject({ outcome: "failed", code: "invalid_state" });
    expect(await integrationRows(t.db, t.auth.accountId)).toHaveLength(1);
  });

  it("a declined approval, an unknown state and a spent code change nothing", async () => {
    const t = await tenantWithSite("webflow-refused", SITE_URL);
    const declined = (await approve(t.apiKey, t.site.id)).back;
    declined.searchParams.delete("code");
    declined.searchParams.set("error", "access_denied");
    expect((await callback(t.apiKey, declined)).result).toMatchObject({ code: "rejected", platform: "webflow" });

    const unknown = (await approve(t.apiKey, t.site.id)).back;
    unknown.searchParams.set("state", "never-issued-state-0123456789abcdefghijklmnopq");
    expect((await callback(t.apiKey, unknown)).result).toMatchObject({ code: "invalid_state" });

    // A fresh state with a code Webflow already exchanged: Webflow refuses it, nothing is stored.
    const first = (await approve(t.apiKey, t.site.id)).back;
    const second = (await approve(t.apiKey, t.site.id)).back;
    second.searchParams.set("code", first.searchParams.get("code")!);
    expect(await integrationRows(t.db, t.auth.accountId)).toHaveLength(0);
    expect((await callback(t.apiKey, first)).result).toMatchObject({ outcome: "connected" });
    const [before] = await integrationRows(t.db, t.auth.accountId);
    expect((await callback(t.apiKey, second)).result).toMatchObject({ outcome: "failed", code: "bad_request" });
    expect(await integrationRows(t.db, t.auth.accountId)).toEqual([before]);
  });
});
