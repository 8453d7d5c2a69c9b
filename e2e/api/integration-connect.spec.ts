import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { createAppPassword, createUserWithAppPassword, revokeAppPassword } from "../../test/support/wordpress";
import { checkNoSecretInAnswers, connect, json, newSite, wp } from "../support/integration";

// Connecting, credentials, the draft test and bad input; content types and structure: integration-structure.spec.ts.

test.describe("integration API with a real WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  const site = wp!;

  test("connects with good credentials; the response shows every field but no secret", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "int-connect");
    const { siteId, res, body } = await connect(api, site);
    expect(res.status()).toBe(201);
    expect(body).toMatchObject({
      site_id: siteId,
      platform: "wordpress",
      external_site_url: site.url,
      is_active: true,
      sync_enabled: true,
      last_sync_at: null,
      sync_status: "pending",
      sync_error: null,
      connection_status: "connected",
      connection_error_code: null,
      config_json: {},
      credentials: { username: site.username, has_password: true, password_last4: site.applicationPassword.slice(-4) },
    });
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(["id", "account_id", "created_at", "updated_at", "connection_checked_at"]),
    );

    const list = await json(await api.get(`/api/v1/integration/?site_id=${siteId}`));
    expect(list).toMatchObject({ count: 1, results: [{ id: body.id }] });
    expect((await json(await api.get(`/api/v1/integration/?site_id=${crypto.randomUUID()}`))).count).toBe(0);
    expect(await json(await api.get(`/api/v1/integration/${body.id}/`))).toMatchObject({
      id: body.id,
      connection_status: "connected",
    });
    const siteDto = await json(await api.get(`/api/v1/sites/${siteId}/`));
    expect(siteDto).toMatchObject({ wp_username: site.username, has_wp_api_key: true });

    const again = await api.post("/api/v1/integration/", {
      data: {
        site_id: siteId,
        external_site_url: site.url,
        username: site.username,
        application_password: site.applicationPassword,
      },
    });
    expect(again.status()).toBe(409);
    expect((await json(again)).error.code).toBe("already_exists");

    const tested = await json(await api.post(`/api/v1/integration/${body.id}/test_connection/`));
    expect(tested).toMatchObject({
      connected: true,
      wordpress: {
        rest_url: `${site.url}/wp-json/`,
        user: { roles: expect.arrayContaining(["administrator"]) },
        capabilities: { publish_posts: true, upload_files: true, manage_categories: true },
      },
    });
    expect(tested.wordpress.version).toMatch(/^\d+\.\d+/);
  });
  test("a wrong password is 422 auth_failed and stores nothing", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "int-wrong");
    const { siteId, res, body } = await connect(api, site, { password: "abcd efgh ijkl mnop qrst uvwx" });
    expect(res.status()).toBe(422);
    expect(body.error).toMatchObject({
      code: "auth_failed",
      message: expect.stringContaining("revoked"),
      fix: expect.stringContaining("Application Password"),
    });
    expect(body.error.details.reason).toBe("wrong_credentials");
    expect((await json(await api.get("/api/v1/integration/"))).count).toBe(0);
    expect(await json(await api.get(`/api/v1/sites/${siteId}/`))).toMatchObject({
      has_wp_api_key: false,
      wp_username: null,
    });
  });

  test("a revoked Application Password: test_connection says auth_failed and marks the integration; rotating reconnects", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "int-revoked");
    const first = await createAppPassword(site);
    const { body } = await connect(api, site, { password: first.password });
    expect(body.connection_status).toBe("connected");
    await revokeAppPassword(site, first.uuid);

    const tested = await json(await api.post(`/api/v1/integration/${body.id}/test_connection/`));
    expect(tested).toMatchObject({
      connected: false,
      code: "auth_failed",
      reason: "wrong_credentials",
      fix: expect.any(String),
    });
    expect(await json(await api.get(`/api/v1/integration/${body.id}/`))).toMatchObject({
      connection_status: "error",
      connection_error_code: "auth_failed",
    });

    const wrong = await api.patch(`/api/v1/integration/${body.id}/`, {
      data: { application_password: "wxyz wxyz wxyz wxyz wxyz wxyz" },
    });
    expect(wrong.status()).toBe(422);
    expect((await json(wrong)).error.code).toBe("auth_failed");

    const second = await createAppPassword(site);
    try {
      const rotated = await api.patch(`/api/v1/integration/${body.id}/`, {
        data: { application_password: second.password },
      });
      expect(rotated.status()).toBe(200);
      expect(await json(rotated)).toMatchObject({
        connection_status: "connected",
        credentials: { password_last4: second.password.slice(-4) },
      });
      const put = await api.put(`/api/v1/integration/${body.id}/`, {
        data: { external_site_url: site.url, username: site.username, sync_enabled: false },
      });
      expect(await json(put)).toMatchObject({ sync_enabled: false, is_active: true, connection_status: "connected" });
      const paused = await api.patch(`/api/v1/integration/${body.id}/`, { data: { is_active: false } });
      expect(await json(paused)).toMatchObject({ is_active: false });
    } finally {
      await revokeAppPassword(site, second.uuid);
    }
    expect((await api.delete(`/api/v1/integration/${body.id}/`)).status()).toBe(204);
    expect((await api.get(`/api/v1/integration/${body.id}/`)).status()).toBe(404);
  });

  test("a subscriber is 422 insufficient_role", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "int-subscriber");
    const user = await createUserWithAppPassword(site, "subscriber");
    try {
      const { res, body } = await connect(api, site, { username: user.username, password: user.applicationPassword });
      expect(res.status()).toBe(422);
      expect(body.error).toMatchObject({
        code: "insufficient_role",
        fix: expect.stringMatching(/Editor or Administrator/),
      });
      expect(body.error.details.wordpress.user.roles).toEqual(["subscriber"]);
    } finally {
      await user.remove();
    }
  });
  test("the draft test runs the doctor without saving; one-click start points at wp-admin", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "int-draft");
    const ok = await json(
      await api.post("/api/v1/integration/test_connection/", {
        data: { external_site_url: site.url, username: site.username, application_password: site.applicationPassword },
      }),
    );
    expect(ok).toMatchObject({ connected: true });
    const bad = await json(
      await api.post("/api/v1/integration/test_connection/", {
        data: { external_site_url: site.url, username: site.username, application_password: "nope" },
      }),
    );
    expect(bad).toMatchObject({ connected: false, code: "auth_failed" });
    expect((await json(await api.get("/api/v1/integration/"))).count).toBe(0);

    const { id } = await newSite(api);
    const start = await json(
      await api.post("/api/v1/integration/authorize/", { data: { site_id: id, external_site_url: site.url } }),
    );
    const url = new URL(start.authorize_url);
    expect(url.origin + url.pathname).toBe(`${site.url}/wp-admin/authorize-application.php`);
    expect(new URL(url.searchParams.get("success_url")!).origin).toBe(new URL(baseURL!).origin);
  });

  checkNoSecretInAnswers(site);
});

test.describe("integration API input", () => {
  test("bad bodies are 422 validation_error with the field; private addresses are blocked_address", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "int-input");
    const { id } = await newSite(api);
    const good = { site_id: id, external_site_url: "https://example.com", username: "u", application_password: "p" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, site_id: "nope" }, "site_id"],
      [{ ...good, external_site_url: "ftp://example.com" }, "external_site_url"],
      [{ ...good, username: "" }, "username"],
      [{ ...good, application_password: undefined }, "application_password"],
      [{ ...good, platform: "drupal" }, "platform"],
      [{ ...good, config_json: [1] }, "config_json"],
      [{ ...good, is_active: "yes" }, "is_active"],
    ];
    for (const [data, field] of cases) {
      const res = await api.post("/api/v1/integration/", { data });
      expect(res.status(), field).toBe(422);
      const body = await res.json();
      expect(body.error.code, field).toBe("validation_error");
      expect(body.error.message, field).toMatch(new RegExp(`^${field}:`));
    }
    for (const url of ["http://10.0.0.1", "http://169.254.169.254", "http://[::1]", "http://0x7f000001:9"]) {
      const res = await api.post("/api/v1/integration/", { data: { ...good, external_site_url: url } });
      expect(res.status(), url).toBe(422);
      expect((await res.json()).error.code, url).toBe("blocked_address");
    }
    expect((await api.post("/api/v1/integration/", { data: { ...good, site_id: crypto.randomUUID() } })).status()).toBe(
      404,
    );
    expect((await (await api.get("/api/v1/integration/")).json()).count).toBe(0);
  });
});
