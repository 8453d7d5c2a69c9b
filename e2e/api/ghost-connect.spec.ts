import { expect, test } from "@playwright/test";
import { ghostTestInfo } from "../support/env";
import { integrationProbes } from "../support/probes";
import { createTenant } from "../support/tenant";

// Connecting a Ghost site through the API: each mistake a user makes gets its own code and the
// fix, nothing is stored until the key works; another account reaches none of it.
const ghost = ghostTestInfo();
test.skip(!ghost, "GHOST_TEST_INFO is not set");

const KEY_ID = "64f0c0ffee0000000000beef";
const SECRET = "ab".repeat(32);

test("bad Ghost credentials: the field or the doctor's code, with the fix; nothing stored", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "ghost-input");
  const site = await (await api.post("/api/v1/sites/", { data: { name: "Ghost", url: ghost!.url } })).json();
  const connect = (credentials: unknown, url = ghost!.url) =>
    api.post("/api/v1/integration/", {
      data: { site_id: site.id, platform: "ghost", external_site_url: url, credentials },
    });

  for (const credentials of [{}, { admin_api_key: "" }, { admin_api_key: 7 }, { application_password: "x" }]) {
    const res = await connect(credentials);
    expect(res.status(), JSON.stringify(credentials)).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("validation_error");
    expect(error.message).toMatch(/^credentials\.admin_api_key:/);
  }
  // Not id:secret in hex: said before Ghost is asked, with where the key is found.
  const malformed = await connect({ admin_api_key: "not-a-key" });
  expect(malformed.status()).toBe(422);
  expect((await malformed.json()).error.message).toMatch(/Admin API key of a Ghost custom integration/);

  const cases: Array<[string, unknown, string]> = [
    ["unknown key", { admin_api_key: `${KEY_ID}:${SECRET}` }, "auth_failed"],
    ["wrong secret", { admin_api_key: `${ghost!.adminApiKey.split(":")[0]}:${SECRET}` }, "auth_failed"],
  ];
  for (const [what, credentials, code] of cases) {
    const res = await connect(credentials);
    expect(res.status(), what).toBe(422);
    const { error } = await res.json();
    expect(error.code, what).toBe(code);
    expect(error.fix, what).toMatch(/Integrations/);
  }
  // A WordPress is no Ghost; a private address is never called.
  if (process.env.WP_TEST_URL) {
    const wordpress = await connect({ admin_api_key: ghost!.adminApiKey }, process.env.WP_TEST_URL);
    expect((await wordpress.json()).error.code).toBe("not_ghost");
  }
  const blocked = await connect({ admin_api_key: ghost!.adminApiKey }, "http://10.0.0.1");
  expect((await blocked.json()).error.code).toBe("blocked_address");

  expect((await (await api.get("/api/v1/integration/")).json()).count).toBe(0);
  // The key is never echoed back in an error.
  expect(JSON.stringify(await (await connect({ admin_api_key: `${KEY_ID}:${SECRET}` })).json())).not.toContain(SECRET);
});

test("another account reaches none of a Ghost integration's endpoints, and nothing changes", async ({ baseURL }) => {
  const a = await createTenant(baseURL!, "ghost-owner");
  const b = await createTenant(baseURL!, "ghost-intruder");
  const site = await (await a.api.post("/api/v1/sites/", { data: { name: "A's Ghost", url: ghost!.url } })).json();
  const created = await a.api.post("/api/v1/integration/", {
    data: {
      site_id: site.id,
      platform: "ghost",
      external_site_url: ghost!.url,
      credentials: { admin_api_key: ghost!.adminApiKey },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const integration = await created.json();
  expect(JSON.stringify(integration)).not.toContain(ghost!.adminApiKey.split(":")[1]);
  expect(integration.credentials).toMatchObject({ has_admin_api_key: true });

  const ids = { siteId: site.id, apiKeyId: crypto.randomUUID() };
  const intrusions = [
    ...integrationProbes(() => integration.id),
    {
      method: "POST" as const,
      path: () => "/api/v1/integration/",
      data: { site_id: site.id, platform: "ghost", external_site_url: ghost!.url, credentials: {} },
    },
  ];
  for (const probe of intrusions) {
    const res = await b.api.fetch(probe.path(ids), { method: probe.method, data: probe.data });
    expect(res.status(), `${probe.method} ${probe.path(ids)}`).toBe(404);
  }
  const item = await (
    await a.api.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "A's", status: "approved" } })
  ).json();
  const stolen = await b.api.post(`/api/v1/content/${item.id}/publish/`, {
    data: { integration_ids: [integration.id] },
  });
  expect(stolen.status()).toBe(404);
  expect(await (await a.api.get(`/api/v1/integration/${integration.id}/`)).json()).toMatchObject({
    platform: "ghost",
    is_active: true,
  });
  await a.api.delete(`/api/v1/integration/${integration.id}/`);
});
