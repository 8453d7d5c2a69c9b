import { describe, expect, it } from "vitest";
import { planSchedule, spacingMinutes } from "./plan";
import { fromLocal, isoWeekKey, toLocal } from "./zone";
import { base, d, items, limitCases, type Case } from "./plan.fixtures";
import { slotCases } from "./plan-slots.fixtures";

const cases: Case[] = [...limitCases, ...slotCases];

describe("planSchedule", () => {
  it.each(cases)("$name", (c) => {
    const plan = planSchedule({
      settings: { ...base, ...c.settings },
      queue: c.queue,
      published: (c.published ?? []).map(d),
      now: d(c.now),
      horizonDays: c.horizonDays ?? 30,
    });
    expect(plan.map((p) => [p.content_id, p.publish_at])).toEqual(c.expected);
    for (const p of plan) expect(p.title).toBe(c.queue.find((q) => q.id === p.content_id)!.title);
  });

  it("never exceeds any limit over a long queue", () => {
    const settings = {
      ...base,
      dailyPublishLimit: 4,
      weeklyPublishLimit: 9,
      monthlyPublishLimit: 30,
      timezone: "Europe/Berlin",
    };
    const plan = planSchedule({
      settings,
      queue: items(200),
      published: [],
      now: d("2026-03-20T00:00:00Z"),
      horizonDays: 120,
    });
    const count = (key: (l: ReturnType<typeof toLocal>) => string) => {
      const m = new Map<string, number>();
      for (const p of plan) {
        const k = key(toLocal(Date.parse(p.publish_at), settings.timezone));
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return Math.max(...m.values());
    };
    expect(count((l) => `${l.year}-${l.month}-${l.day}`)).toBeLessThanOrEqual(4);
    expect(count((l) => isoWeekKey(l))).toBe(9);
    expect(count((l) => `${l.year}-${l.month}`)).toBeLessThanOrEqual(30);
    expect(plan.length).toBeGreaterThan(100);
  });
});

describe("spacingMinutes", () => {
  it("spreads the daily limit over the day's slot minutes", () => {
    expect(spacingMinutes({ dailyPublishLimit: 5, publishTimeSlots: [{ start: "09:00", end: "17:00" }] })).toBe(96);
    expect(spacingMinutes({ dailyPublishLimit: 1000, publishTimeSlots: [{ start: "09:00", end: "10:00" }] })).toBe(1);
  });
});

describe("fromLocal", () => {
  it("resolves a gap to the moment the clocks jump and a repeat to its first occurrence", () => {
    const tz = "America/New_York";
    expect(new Date(fromLocal({ year: 2026, month: 3, day: 8 }, 150, tz)).toISOString()).toBe(
      "2026-03-08T07:00:00.000Z",
    );
    expect(new Date(fromLocal({ year: 2026, month: 11, day: 1 }, 90, tz)).toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    expect(new Date(fromLocal({ year: 2026, month: 7, day: 1 }, 0, "Australia/Lord_Howe")).toISOString()).toBe(
      "2026-06-30T13:30:00.000Z",
    );
  });
});
