import { expect, test } from "@playwright/test";
import { createTenant, ordinaryTenant } from "../support/tenant";
import { createSite, expectRoundTrip, getJson, type Json } from "../support/round-trip";

// Round trips of what needs no WordPress (e2e/support/round-trip.ts); the rest: round-trip-wordpress.spec.ts.

test("site: PATCH takes back its GET answer", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "rt-site");
  const siteId = await createSite(api);
  await expectRoundTrip(api, {
    method: "PATCH",
    path: `/api/v1/sites/${siteId}/`,
    change: (site) => ({ ...site, name: "Renamed by a script" }),
    readOnly: {
      id: crypto.randomUUID(),
      wp_username: "someone",
      has_wp_api_key: true,
      created_at: "2000-01-01T00:00:00.000Z",
    },
  });
});

test("content: PATCH takes back its GET answer", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "rt-content");
  const siteId = await createSite(api);
  const created = await api.post(`/api/v1/sites/${siteId}/content/`, {
    data: {
      title: "Round trip",
      content: "<p>Hi</p>",
      categories: ["Travel"],
      tags: ["lisbon", "food"],
      status: "scheduled",
      scheduled_at: "2031-03-01T08:00:00+01:00",
    },
  });
  expect(created.status()).toBe(201);
  await expectRoundTrip(api, {
    method: "PATCH",
    path: `/api/v1/content/${(await created.json()).id}/`,
    change: (item) => ({ ...item, title: "Round trip, retitled" }),
    readOnly: {
      site_id: crypto.randomUUID(),
      sync_state: "synced",
      wordpress_id: 1,
      approved_at: "2000-01-01T00:00:00.000Z",
      last_sync_event: null,
    },
  });
});

test("publishing settings: PUT and PATCH take back their GET answer", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "rt-publishing");
  const path = `/api/v1/sites/${await createSite(api)}/publishing_settings/`;
  await expectRoundTrip(api, {
    method: "PUT",
    path,
    change: (settings) => ({ ...settings, daily_publish_limit: 7 }),
    readOnly: { site_id: crypto.randomUUID(), updated_at: "2000-01-01T00:00:00.000Z" },
  });
  await expectRoundTrip(api, {
    method: "PATCH",
    path,
    change: (settings) => ({ ...settings, publish_days: ["tue", "thu"] }),
  });
});

test("AI settings: PUT takes back its GET answer; another level's defaults stay the admin's", async ({ baseURL }) => {
  const { api } = await ordinaryTenant(baseURL!, "rt-ai");
  const path = "/api/v1/settings/ai/";
  await expectRoundTrip(api, {
    method: "PUT",
    path,
    change: (settings) => ({
      ...settings,
      account_defaults: { ...(settings.account_defaults as Json), default_text_model: "claude-3-5-sonnet" },
    }),
    // The default in force follows the account's own.
    expected: (settings) => ({
      ...settings,
      defaults: { ...(settings.defaults as Json), text_model: { value: "claude-3-5-sonnet", source: "account" } },
    }),
    readOnly: { permissions: { edit_account: true, edit_global: true }, defaults: {}, providers: {} },
    volatile: [],
  });

  const answer = await getJson(api, path);
  const global = answer.global_defaults as Json;
  const hijack = await api.put(path, {
    data: { ...answer, global_defaults: { ...global, default_text_model: "gpt-4o" } },
  });
  expect(hijack.status()).toBe(403);
  expect((await hijack.json()).error.code).toBe("forbidden");
  const twice = await api.put(path, { data: { ...answer, scope: "account", default_text_model: "gpt-4o" } });
  expect(twice.status()).toBe(422);
  expect((await twice.json()).error.message).toBe(
    "account_defaults.default_text_model: differs from default_text_model; send one of them",
  );
  expect(await getJson(api, path)).toEqual(answer);
});
