import { expect, test } from "@playwright/test";
import { createTenant, type Tenant } from "../support/tenant";

const defaults = {
  auto_approval_enabled: false,
  auto_publish_enabled: false,
  daily_publish_limit: 5,
  weekly_publish_limit: 20,
  monthly_publish_limit: 60,
  publish_days: ["mon", "tue", "wed", "thu", "fri"],
  publish_time_slots: [{ start: "09:00", end: "17:00" }],
  timezone: "UTC",
};

async function siteOf(tenant: Tenant) {
  const res = await tenant.api.post("/api/v1/sites/", { data: { name: "Blog", url: "https://blog.example.com" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

const settingsPath = (siteId: string) => `/api/v1/sites/${siteId}/publishing_settings/`;

test("reading settings creates the defaults; PUT replaces and PATCH changes them", async ({ baseURL }) => {
  const owner = await createTenant(baseURL!, "publisher");
  const siteId = await siteOf(owner);
  const first = await owner.api.get(settingsPath(siteId));
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ site_id: siteId, ...defaults });

  const wanted = {
    ...defaults,
    auto_approval_enabled: true,
    daily_publish_limit: 3,
    weekly_publish_limit: 10,
    publish_days: ["mon", "wed", "fri"],
    publish_time_slots: [
      { start: "14:00", end: "15:00" },
      { start: "09:00", end: "12:00" },
    ],
    timezone: "America/New_York",
  };
  const put = await owner.api.put(settingsPath(siteId), { data: wanted });
  expect(put.status()).toBe(200);
  // Slots come back in day order.
  expect(await put.json()).toMatchObject({
    ...wanted,
    publish_time_slots: [
      { start: "09:00", end: "12:00" },
      { start: "14:00", end: "15:00" },
    ],
  });

  const patch = await owner.api.patch(`/api/v1/sites/${siteId}/publishing_settings`, {
    data: { monthly_publish_limit: 0, publish_days: [] },
  });
  expect(patch.status()).toBe(200);
  expect(await (await owner.api.get(settingsPath(siteId))).json()).toMatchObject({
    daily_publish_limit: 3,
    monthly_publish_limit: 0,
    publish_days: [],
    timezone: "America/New_York",
  });
});

const badBodies: Array<{ name: string; method: "PUT" | "PATCH"; data: unknown; message: string }> = [
  {
    name: "negative limit",
    method: "PATCH",
    data: { daily_publish_limit: -1 },
    message: "daily_publish_limit: must be 0 or more",
  },
  {
    name: "fractional limit",
    method: "PATCH",
    data: { weekly_publish_limit: 1.5 },
    message: "weekly_publish_limit: must be a whole number, 0 or more",
  },
  {
    name: "limit as text",
    method: "PATCH",
    data: { monthly_publish_limit: "10" },
    message: "monthly_publish_limit: must be a whole number, 0 or more",
  },
  {
    name: "limit missing from PUT",
    method: "PUT",
    data: { ...defaults, daily_publish_limit: undefined },
    message: "daily_publish_limit: is required",
  },
  {
    name: "unknown day",
    method: "PATCH",
    data: { publish_days: ["monday"] },
    message: "publish_days.0: must be one of mon, tue, wed, thu, fri, sat, sun",
  },
  {
    name: "repeated day",
    method: "PATCH",
    data: { publish_days: ["mon", "tue", "mon"] },
    message: 'publish_days.2: "mon" is listed twice',
  },
  {
    name: "days not a list",
    method: "PATCH",
    data: { publish_days: "mon" },
    message: "publish_days: must be a list of days from mon, tue, wed, thu, fri, sat, sun",
  },
  {
    name: "slot time not HH:MM",
    method: "PATCH",
    data: { publish_time_slots: [{ start: "9:00", end: "17:00" }] },
    message: "publish_time_slots.0.start: must be a time HH:MM between 00:00 and 23:59",
  },
  {
    name: "slot end before start",
    method: "PATCH",
    data: { publish_time_slots: [{ start: "12:00", end: "10:00" }] },
    message: "publish_time_slots.0.end: must be after the start",
  },
  {
    name: "slot of no length",
    method: "PATCH",
    data: { publish_time_slots: [{ start: "10:00", end: "10:00" }] },
    message: "publish_time_slots.0.end: must be after the start",
  },
  {
    name: "overlapping slots",
    method: "PATCH",
    data: {
      publish_time_slots: [
        { start: "09:00", end: "12:00" },
        { start: "11:30", end: "13:00" },
      ],
    },
    message: "publish_time_slots.1: overlaps 09:00–12:00; slots must not overlap",
  },
  {
    name: "slot without end",
    method: "PATCH",
    data: { publish_time_slots: [{ start: "09:00" }] },
    message: "publish_time_slots.0.end: is required",
  },
  {
    name: "unknown time zone",
    method: "PATCH",
    data: { timezone: "Mars/Olympus_Mons" },
    message: "timezone: is not a known time zone; use an IANA name such as America/New_York or UTC",
  },
  {
    name: "flag not boolean",
    method: "PATCH",
    data: { auto_publish_enabled: "yes" },
    message: "auto_publish_enabled: must be true or false",
  },
  { name: "unknown field", method: "PATCH", data: { publish_hours: 3 }, message: "body: unknown field: publish_hours" },
  { name: "empty PATCH", method: "PATCH", data: {}, message: "body: send at least one field to change" },
];

test("bad settings are refused with 422 naming the field, and nothing changes", async ({ baseURL }) => {
  const owner = await createTenant(baseURL!, "validator");
  const siteId = await siteOf(owner);
  for (const bad of badBodies) {
    const res = await owner.api.fetch(settingsPath(siteId), { method: bad.method, data: bad.data });
    expect(res.status(), bad.name).toBe(422);
    const { error } = await res.json();
    expect(error.code, bad.name).toBe("validation_error");
    expect(error.message, bad.name).toBe(bad.message);
  }
  expect(await (await owner.api.get(settingsPath(siteId))).json()).toMatchObject(defaults);
  const badJson = await owner.api.fetch(settingsPath(siteId), {
    method: "PATCH",
    data: Buffer.from("{not json"),
    headers: { "content-type": "application/json" },
  });
  expect(badJson.status()).toBe(400);
});

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
