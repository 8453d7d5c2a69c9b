import { d, items, type Case } from "./plan.fixtures";

/** Planning cases of plan.test.ts: time slots, explicit dates, the horizon and time zones. */
export const slotCases: Case[] = [
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
