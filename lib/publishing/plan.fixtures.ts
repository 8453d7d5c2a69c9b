import type { PlanSettings, QueueItem } from "./plan";

/** Planning cases of plan.test.ts: the shared base and the limits and days cases. */

// 2026-03-02 is a Monday. US daylight saving starts 2026-03-08 (02:00 → 03:00) and ends
// 2026-11-01 (02:00 → 01:00).
/** Weekdays 09:00–12:00 UTC, three a day. */
export const base: PlanSettings = {
  autoPublishEnabled: true,
  dailyPublishLimit: 3,
  weeklyPublishLimit: 100,
  monthlyPublishLimit: 1000,
  publishDays: ["mon", "tue", "wed", "thu", "fri"],
  publishTimeSlots: [{ start: "09:00", end: "12:00" }],
  timezone: "UTC",
};

/** `n` approved items, oldest first, each with its `extra`. */
export const items = (n: number, extra: Partial<QueueItem>[] = []): QueueItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    title: `Item ${i + 1}`,
    approvedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    scheduledAt: null,
    ...extra[i],
  }));

/** A date from ISO text. */
export const d = (iso: string) => new Date(iso);

/** One planning case: settings over `base`, the queue and history, and the plan expected. */
export type Case = {
  name: string;
  settings?: Partial<PlanSettings>;
  queue: QueueItem[];
  published?: string[];
  now: string;
  horizonDays?: number;
  /** Expected [content_id, publish_at] in order. */
  expected: [string, string][];
};

/** Empty plans, daily, weekly and monthly limits, allowed days. */
export const limitCases: Case[] = [
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
];
