import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeWebflowCode } from "./index";
import { itemEvent, signWebflow } from "./testing/emit";
import { startWebflowServer, type WebflowTestServer } from "./testing/server";
import { adapterFor, testFetch } from "./testing/subject";
import { webflowWebhooks } from "./webhooks";

let server: WebflowTestServer;
beforeAll(async () => {
  server = await startWebflowServer();
});
afterAll(() => server.close());

const HOOK_URL = "https://igny8.example.com/api/v1/integration/webhook/webflow/";
const connect = (credentials: Record<string, string>) =>
  adapterFor(server).connect({ siteUrl: server.origin, credentials, http: testFetch });

describe("Webflow webhooks and OAuth", () => {
  it("an OAuth connection installs the item webhooks once and receives signed deliveries", async () => {
    server.oauth.codes.set("code-1", [
      "sites:read",
      "sites:write",
      "cms:read",
      "cms:write",
      "assets:read",
      "assets:write",
    ]);
    const tokenUrl = `${server.origin}/oauth/access_token`;
    const exchange = (code: string) =>
      exchangeWebflowCode({
        http: testFetch,
        clientId: server.oauth.clientId,
        clientSecret: server.oauth.clientSecret,
        code,
        redirectUri: "https://igny8.example.com/cb",
        tokenUrl,
      });
    const { access_token } = await exchange("code-1");
    await expect(exchange("code-1")).rejects.toMatchObject({ code: "bad_request" }); // single use
    const session = connect({ access_token });
    const params = { url: HOOK_URL, secret: "unused", integrationId: "i1", contentTypes: ["post"] };
    expect(await webflowWebhooks.install(session, params)).toMatchObject({ installed: true, points_here: true });
    expect(await webflowWebhooks.install(session, params)).toMatchObject({ points_here: true });
    expect(server.store.webhooks.size).toBe(5);
    expect(await webflowWebhooks.status(session, { url: HOOK_URL })).toMatchObject({ points_here: true });

    const [outcome] = await session.push([
      {
        ref: "r",
        contentType: "post",
        fields: {
          title: "Hooked",
          content: "<p>x</p>",
          excerpt: "",
          slug: "",
          status: "draft",
          categoryIds: [],
          tagIds: [],
        },
      },
    ]);
    const delivery = server.deliveries.find((d) => JSON.parse(d.raw).triggerType === "collection_item_created")!;
    const headers = new Headers(delivery.headers);
    expect(webflowWebhooks.verify(delivery.raw, headers, [server.oauth.clientSecret])).toBe(true);
    expect(webflowWebhooks.parse(JSON.parse(delivery.raw))).toMatchObject({
      ok: true,
      hints: {
        type: "post",
        externalId: outcome.ok ? outcome.item.externalId : "?",
        action: "collection_item_created",
      },
    });
  });

  it("verify refuses a forged body, a wrong secret and a stale timestamp; a repeat has the same delivery id", () => {
    const raw = itemEvent("collection_item_changed", "s", "c", {
      id: "abc",
      cmsLocaleId: "l",
      lastPublished: null,
      lastUpdated: new Date().toISOString(),
      createdOn: new Date().toISOString(),
      isArchived: false,
      isDraft: true,
      fieldData: { name: "x", slug: "x" },
    });
    const secret = server.oauth.clientSecret;
    const good = new Headers(signWebflow(raw, secret));
    expect(webflowWebhooks.verify(raw, good, [secret])).toBe(true);
    expect(webflowWebhooks.verify(raw.replace("abc", "abd"), good, [secret])).toBe(false);
    expect(webflowWebhooks.verify(raw, good, ["another-secret"])).toBe(false);
    const stale = new Headers(signWebflow(raw, secret, Date.now() - 6 * 60_000));
    expect(webflowWebhooks.verify(raw, stale, [secret])).toBe(false);
    const repeat = new Headers(good);
    expect(webflowWebhooks.deliveryId(repeat)).toBe(webflowWebhooks.deliveryId(good));
    expect(webflowWebhooks.parse({ triggerType: "form_submission", payload: { id: "x" } })).toMatchObject({
      ok: false,
    });
  });

  it("a site token cannot register webhooks: the state says changes come by scheduled sync", async () => {
    const state = await webflowWebhooks.install(connect({ api_token: server.fixture.tokens.full }), {
      url: "https://elsewhere.example.com/hook",
      secret: "s",
      integrationId: "i2",
      contentTypes: ["post"],
    });
    expect(state).toMatchObject({ installed: false, message: expect.stringContaining("scheduled sync") });
  });
});
