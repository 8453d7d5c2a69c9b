import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { defaults, settingsPath, siteOf } from "../support/publishing";

// Reading, replacing and validating settings; the schedule and scheduled sync: publishing-schedule.spec.ts.

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
