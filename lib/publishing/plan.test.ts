import { describe, expect, it } from "vitest";
import { planSchedule, spacingMinutes, type PlanSettings, type QueueItem } from "./plan";
import { fromLocal, isoWeekKey, toLocal } from "./zone";

// 2026-03-02 is a Monday. US daylight saving starts 2026-03-08 (02:00 → 03:00) and ends
// 2026-11-01 (02:00 → 01:00).
const base: PlanSettings = {
  autoPublishEnabled: true,
  dailyPublishLimit: 3,
  weeklyPublishLimit: 100,
  monthlyPublishLimit: 1000,
  publishDays: ["mon", "tue", "wed", "thu", "fri"],
  publishTimeSlots: [{ start: "09:00", end: "12:00" }],
  timezone: "UTC",
};

const items = (n: number, extra: Partial<QueueItem>[] = []): QueueItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    title: `Item ${i + 1}`,
    approvedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    scheduledAt: null,
    ...extra[i],
  }));

const d = (iso: string) => new Date(iso);

type Case = {
  name: string;
  settings?: Partial<PlanSettings>;
  queue: QueueItem[];
  published?: string[];
  now: string;
  horizonDays?: number;
  /** Expected [content_id, publish_at] in order. */
  expected: [string, string][];
};

const cases: Case[] = [
  { name: "empty queue plans nothing", queue: [], now: "2026-03-02T08:00:00Z", expected: [] },
  {
    name: "auto-publish off plans nothing",
    settings: { autoPublishEnabled: false },
    queue: items(2),
    now: "2026-03-02T08:00:00Z",
    expected: [],
  },
  {
    name: "no allowed day plans nothing",
    settings: { publishDays: [] },
    queue: items(2),
    now: "2026-03-02T08:00:00Z",
    expected: [],
  },
  {
    name: "no time slot plans nothing",
    settings: { publishTimeSlots: [] },
    queue: items(2),
    now: "2026-03-02T08:00:00Z",
    expected: [],
  },
  {
    name: "a zero daily limit plans nothing",
    settings: { dailyPublishLimit: 0 },
    queue: items(2),
    now: "2026-03-02T08:00:00Z",
    expected: [],
  },
  {
    name: "a zero monthly limit plans nothing",
    settings: { monthlyPublishLimit: 0 },
    queue: items(2),
    now: "2026-03-02T08:00:00Z",
    expected: [],
  },
  {
    name: "daily limit: three a day spread over the slot, then the next day",
    queue: items(5),
    now: "2026-03-02T08:00:00Z",
    expected: [
      ["c1", "2026-03-02T09:00:00.000Z"],
      ["c2", "2026-03-02T10:00:00.000Z"],
      ["c3", "2026-03-02T11:00:00.000Z"],
      ["c4", "2026-03-03T09:00:00.000Z"],
      ["c5", "2026-03-03T10:00:00.000Z"],
    ],
  },
  {
    name: "daily limit already reached by today's history (manual publishes count)",
    queue: items(1),
    published: ["2026-03-02T06:00:00Z", "2026-03-02T07:00:00Z", "2026-03-02T07:30:00Z"],
    now: "2026-03-02T08:00:00Z",
    expected: [["c1", "2026-03-03T09:00:00.000Z"]],
  },
  {
    name: "weekly limit (ISO week): the fifth item waits for next Monday",
    settings: { weeklyPublishLimit: 4 },
    queue: items(5),
    now: "2026-03-02T08:00:00Z",
    expected: [
      ["c1", "2026-03-02T09:00:00.000Z"],
      ["c2", "2026-03-02T10:00:00.000Z"],
      ["c3", "2026-03-02T11:00:00.000Z"],
      ["c4", "2026-03-03T09:00:00.000Z"],
      ["c5", "2026-03-09T09:00:00.000Z"],
    ],
  },
  {
    name: "weekly limit counts history from earlier in the week",
    settings: { weeklyPublishLimit: 2 },
    queue: items(1),
    published: ["2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"],
    now: "2026-03-04T08:00:00Z",
    expected: [["c1", "2026-03-09T09:00:00.000Z"]],
  },
  {
    name: "monthly limit at month end: March is full after one, April starts on the 1st",
    settings: { monthlyPublishLimit: 2 },
    queue: items(3),
    published: ["2026-03-10T09:00:00Z"],
    now: "2026-03-30T08:00:00Z",
    expected: [
      ["c1", "2026-03-30T09:00:00.000Z"],
      ["c2", "2026-04-01T09:00:00.000Z"],
      ["c3", "2026-04-01T10:00:00.000Z"],
    ],
  },
  {
    name: "allowed days only",
    settings: { publishDays: ["wed"] },
    queue: items(4),
    now: "2026-03-02T08:00:00Z",
    expected: [
      ["c1", "2026-03-04T09:00:00.000Z"],
      ["c2", "2026-03-04T10:00:00.000Z"],
      ["c3", "2026-03-04T11:00:00.000Z"],
      ["c4", "2026-03-11T09:00:00.000Z"],
    ],
  },
  {
    name: "weekend days",
    settings: { publishDays: ["sat", "sun"], dailyPublishLimit: 1 },
    queue: items(2),
    now: "2026-03-02T08:00:00Z",
    expected: [
      ["c1", "2026-03-07T09:00:00.000Z"],
      ["c2", "2026-03-08T09:00:00.000Z"],
    ],
  },
  {
    name: "two slots share the day: spacing is total slot minutes / daily limit",
    settings: {
      dailyPublishLimit: 4,
      publishTimeSlots: [
        { start: "14:00", end: "15:00" },
        { start: "09:00", end: "10:00" },
      ],
    },
    queue: items(5),
    now: "2026-03-02T00:00:00Z",
    expected: [
      ["c1", "2026-03-02T09:00:00.000Z"],
      ["c2", "2026-03-02T09:30:00.000Z"],
      ["c3", "2026-03-02T14:00:00.000Z"],
      ["c4", "2026-03-02T14:30:00.000Z"],
      ["c5", "2026-03-03T09:00:00.000Z"],
    ],
  },
  {
    name: "slot start is inclusive",
    queue: items(1),
    now: "2026-03-02T09:00:00Z",
    expected: [["c1", "2026-03-02T09:00:00.000Z"]],
  },
  {
    name: "inside a slot: the first free moment is now",
    queue: items(2),
    now: "2026-03-02T11:30:00Z",
    expected: [
      ["c1", "2026-03-02T11:30:00.000Z"],
      ["c2", "2026-03-03T09:00:00.000Z"],
    ],
  },
  {
    name: "slot end is exclusive",
    queue: items(1),
    now: "2026-03-02T12:00:00Z",
    expected: [["c1", "2026-03-03T09:00:00.000Z"]],
  },
  {
    name: "spacing counts from the last publication, manual ones included",
    queue: items(1),
    published: ["2026-03-02T09:10:00Z"],
    now: "2026-03-02T09:15:00Z",
    expected: [["c1", "2026-03-02T10:10:00.000Z"]],
  },
  {
    name: "oldest approved goes first",
    queue: items(2, [{ approvedAt: d("2026-02-01T00:00:00Z") }, { approvedAt: d("2026-01-01T00:00:00Z") }]),
    now: "2026-03-02T08:00:00Z",
    expected: [
      ["c2", "2026-03-02T09:00:00.000Z"],
      ["c1", "2026-03-02T10:00:00.000Z"],
    ],
  },
  {
    name: "explicit scheduled_at is honoured outside days and slots",
    queue: items(2, [{ scheduledAt: d("2026-03-08T20:15:00Z") }]),
    now: "2026-03-02T08:00:00Z",
    expected: [
      ["c2", "2026-03-02T09:00:00.000Z"],
      ["c1", "2026-03-08T20:15:00.000Z"],
    ],
  },
  {
    name: "explicit scheduled_at in the past is due now",
    queue: items(1, [{ scheduledAt: d("2026-03-01T10:00:00Z") }]),
    now: "2026-03-02T08:00:00Z",
    expected: [["c1", "2026-03-02T08:00:00.000Z"]],
  },
  {
    name: "explicit scheduled_at on a full day moves to the next free slot",
    settings: { dailyPublishLimit: 1 },
    queue: items(1, [{ scheduledAt: d("2026-03-02T15:00:00Z") }]),
    published: ["2026-03-02T08:00:00Z"],
    now: "2026-03-02T08:30:00Z",
    expected: [["c1", "2026-03-03T09:00:00.000Z"]],
  },
  {
    name: "horizon: nothing beyond it",
    settings: { dailyPublishLimit: 1 },
    queue: items(5),
    now: "2026-03-02T08:00:00Z",
    horizonDays: 2,
    expected: [
      ["c1", "2026-03-02T09:00:00.000Z"],
      ["c2", "2026-03-03T09:00:00.000Z"],
    ],
  },
  {
    name: "time zone: 09:00 New York is 14:00Z before the spring change and 13:00Z after",
    settings: {
      timezone: "America/New_York",
      dailyPublishLimit: 1,
      publishTimeSlots: [{ start: "09:00", end: "17:00" }],
    },
    queue: items(2),
    now: "2026-03-06T12:00:00Z",
    expected: [
      ["c1", "2026-03-06T14:00:00.000Z"],
      ["c2", "2026-03-09T13:00:00.000Z"],
    ],
  },
  {
    name: "spring forward: a 02:00–03:00 slot does not exist on 8 March (New York)",
    settings: {
      timezone: "America/New_York",
      dailyPublishLimit: 1,
      publishDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      publishTimeSlots: [{ start: "02:00", end: "03:00" }],
    },
    queue: items(2),
    now: "2026-03-07T12:00:00Z",
    expected: [
      ["c1", "2026-03-09T06:00:00.000Z"],
      ["c2", "2026-03-10T06:00:00.000Z"],
    ],
  },
  {
    name: "spring forward: a 02:30–04:00 slot starts at 03:00 EDT",
    settings: {
      timezone: "America/New_York",
      dailyPublishLimit: 1,
      publishDays: ["sun"],
      publishTimeSlots: [{ start: "02:30", end: "04:00" }],
    },
    queue: items(1),
    now: "2026-03-07T12:00:00Z",
    expected: [["c1", "2026-03-08T07:00:00.000Z"]],
  },
  {
    name: "fall back: the repeated 01:00 hour is used from its first occurrence (EDT)",
    settings: {
      timezone: "America/New_York",
      dailyPublishLimit: 2,
      publishDays: ["sun", "mon"],
      publishTimeSlots: [{ start: "01:00", end: "02:00" }],
    },
    queue: items(3),
    now: "2026-10-31T12:00:00Z",
    expected: [
      ["c1", "2026-11-01T05:00:00.000Z"],
      ["c2", "2026-11-01T05:30:00.000Z"],
      ["c3", "2026-11-02T06:00:00.000Z"],
    ],
  },
  {
    name: "limits count local days: 22:30 New York on Sunday is Monday in UTC but Sunday there",
    settings: {
      timezone: "America/New_York",
      dailyPublishLimit: 1,
      publishDays: ["sun", "mon"],
      publishTimeSlots: [{ start: "23:00", end: "23:30" }],
    },
    queue: items(1),
    published: ["2026-11-02T03:30:00Z"],
    now: "2026-11-02T03:45:00Z",
    expected: [["c1", "2026-11-03T04:00:00.000Z"]],
  },
  {
    name: "limits count local days in Tokyo: 01:00 JST Tuesday fills Tuesday, not Monday",
    settings: { timezone: "Asia/Tokyo", dailyPublishLimit: 1, publishTimeSlots: [{ start: "09:00", end: "10:00" }] },
    queue: items(1),
    published: ["2026-03-02T16:00:00Z"],
    now: "2026-03-02T16:30:00Z",
    expected: [["c1", "2026-03-04T00:00:00.000Z"]],
  },
  {
    name: "slot ending at 24:00 runs to midnight",
    settings: { dailyPublishLimit: 2, publishTimeSlots: [{ start: "22:00", end: "24:00" }] },
    queue: items(2),
    now: "2026-03-02T23:30:00Z",
    expected: [
      ["c1", "2026-03-02T23:30:00.000Z"],
      ["c2", "2026-03-03T22:00:00.000Z"],
    ],
  },
];

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
