import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { settingsPath, siteOf } from "../support/publishing";

test("the schedule lists approved content at its planned time, and follows the settings", async ({ baseURL }) => {
  const owner = await createTenant(baseURL!, "planner");
  const siteId = await siteOf(owner);
  const schedulePath = `/api/v1/sites/${siteId}/publishing_schedule/?days=14`;
  expect(await (await owner.api.get(schedulePath)).json()).toEqual([]);

  const titles = ["First approved", "Second approved"];
  const ids: string[] = [];
  for (const title of titles) {
    const res = await owner.api.post(`/api/v1/sites/${siteId}/content/`, { data: { title, status: "approved" } });
    expect(res.status()).toBe(201);
    ids.push((await res.json()).id);
  }
  await owner.api.post(`/api/v1/sites/${siteId}/content/`, { data: { title: "Still a draft" } });
  // Auto-publish off: nothing will be published, so nothing is planned.
  expect(await (await owner.api.get(schedulePath)).json()).toEqual([]);

  const allDay = {
    auto_publish_enabled: true,
    publish_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    publish_time_slots: [{ start: "00:00", end: "24:00" }],
    daily_publish_limit: 1,
  };
  expect((await owner.api.patch(settingsPath(siteId), { data: allDay })).status()).toBe(200);
  const before = Date.now();
  const plan = await (await owner.api.get(schedulePath)).json();
  expect(plan.map((p: { content_id: string; title: string }) => [p.content_id, p.title])).toEqual(
    ids.map((id, i) => [id, titles[i]]),
  );
  // One a day over a 24-hour slot: the first is due now, the second a day later.
  expect(Math.abs(Date.parse(plan[0].publish_at) - before)).toBeLessThan(60_000);
  expect(Date.parse(plan[1].publish_at) - Date.parse(plan[0].publish_at)).toBe(24 * 3_600_000);

  // A zero daily limit re-plans at once: nothing fits.
  expect((await owner.api.patch(settingsPath(siteId), { data: { daily_publish_limit: 0 } })).status()).toBe(200);
  expect(await (await owner.api.get(schedulePath)).json()).toEqual([]);

  for (const [query, message] of [
    ["days=0", "days: must be 1 or more"],
    ["days=91", "days: must be 90 or less"],
    ["days=soon", "days: must be a number of days"],
  ]) {
    const res = await owner.api.get(`/api/v1/sites/${siteId}/publishing_schedule/?${query}`);
    expect(res.status(), query).toBe(422);
    expect((await res.json()).error.message, query).toBe(message);
  }
});

test("scheduled sync: interval on and off, validated, another account gets 404", async ({ baseURL }) => {
  const wp = {
    url: process.env.WP_TEST_URL,
    username: process.env.WP_TEST_USERNAME,
    password: process.env.WP_TEST_APP_PASSWORD,
  };
  test.skip(
    !wp.url || !wp.username || !wp.password,
    "set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD to connect a real WordPress",
  );
  const owner = await createTenant(baseURL!, "scheduler");
  const intruder = await createTenant(baseURL!, "intruder");
  const siteId = await siteOf(owner);
  const created = await owner.api.post("/api/v1/integration/", {
    data: { site_id: siteId, external_site_url: wp.url, username: wp.username, application_password: wp.password },
  });
  expect(created.status()).toBe(201);
  const integrationId = (await created.json()).id as string;
  const path = `/api/v1/integration/${integrationId}/sync_schedule/`;

  expect(await (await owner.api.get(path)).json()).toMatchObject({
    integration_id: integrationId,
    interval_minutes: null,
    next_run_at: null,
  });
  const before = Date.now();
  const on = await owner.api.patch(path, { data: { interval_minutes: 15 } });
  expect(on.status()).toBe(200);
  const body = await on.json();
  expect(body.interval_minutes).toBe(15);
  expect(Math.abs(Date.parse(body.next_run_at) - (before + 15 * 60_000))).toBeLessThan(60_000);

  for (const [data, message] of [
    [{ interval_minutes: 4 }, "interval_minutes: must be at least 5 minutes"],
    [{ interval_minutes: 1441 }, "interval_minutes: must be at most 1440 minutes (24 hours)"],
    [{ interval_minutes: 7.5 }, "interval_minutes: must be a whole number of minutes"],
    [{ interval_minutes: "15" }, "interval_minutes: must be null (off) or a number of minutes from 5 to 1440"],
    [{}, "interval_minutes: is required"],
  ] as const) {
    const res = await owner.api.patch(path, { data });
    expect(res.status(), JSON.stringify(data)).toBe(422);
    expect((await res.json()).error.message, JSON.stringify(data)).toBe(message);
  }

  for (const probe of [intruder.api.get(path), intruder.api.patch(path, { data: { interval_minutes: null } })]) {
    const res = await probe;
    expect(res.status()).toBe(404);
  }
  expect((await (await owner.api.get(path)).json()).interval_minutes).toBe(15);

  const off = await owner.api.patch(path, { data: { interval_minutes: null } });
  expect(await off.json()).toMatchObject({ interval_minutes: null, next_run_at: null });
  await owner.api.delete(`/api/v1/integration/${integrationId}/`);
});
