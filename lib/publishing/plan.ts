/**
 * The publishing planner: a pure function of (settings, queue, published history, now) that
 * says when each approved item will be published. The preview endpoint and the scheduler both
 * call it, so what users see is what happens.
 *
 * Rules, all in the site's time zone:
 * - Items go in publish order: explicit `scheduledAt` items first (at that moment, or now when it
 *   has passed), then the rest oldest approved first.
 * - An item without `scheduledAt` goes at the earliest moment that is (1) not before now,
 *   (2) on an allowed day, inside a time slot (start inclusive, end exclusive), (3) at least
 *   `spacingMinutes` after the latest publication before it, and (4) within the daily, ISO-week
 *   and calendar-month limits, counted over the published history plus the plan so far.
 * - Spacing spreads a day's publications over its slots: total slot minutes of the day divided
 *   by the daily limit, rounded down, at least one minute (09:00–17:00 and 5 a day: 96 minutes,
 *   so 09:00, 10:36, 12:12, …).
 * - An explicit `scheduledAt` ignores days, slots and spacing but not the limits: when its day,
 *   week or month is full, the item takes the first free moment after it by the rules above.
 * - A slot whose local times do not exist that day (02:00–03:00 on a spring-forward day) is
 *   empty, one partly in the gap starts when the clocks jump; a repeated hour (fall back) is
 *   used from its first occurrence.
 * - Nothing is planned when auto-publish is off.
 */
import { WEEKDAYS } from "@/lib/schemas/publishing";
import {
  addDays,
  dayKey,
  fromLocal,
  isoWeekday,
  isoWeekKey,
  monthKey,
  parseHhMm,
  toLocal,
  type LocalDate,
} from "./zone";

export type PlanSettings = {
  autoPublishEnabled: boolean;
  dailyPublishLimit: number;
  weeklyPublishLimit: number;
  monthlyPublishLimit: number;
  publishDays: readonly string[];
  publishTimeSlots: readonly { start: string; end: string }[];
  timezone: string;
};

export type QueueItem = {
  id: string;
  title: string;
  approvedAt: Date | null;
  scheduledAt: Date | null;
  createdAt?: Date;
};

export type PlannedPublication = { content_id: string; title: string; publish_at: string };

export type PlanInput = {
  settings: PlanSettings;
  queue: readonly QueueItem[];
  /** When everything already published to the site was published (manual and automatic). */
  published: readonly Date[];
  now: Date;
  horizonDays: number;
};

const MINUTE = 60_000;

/** Minutes between two publications placed in slots, for these settings. */
export function spacingMinutes(settings: Pick<PlanSettings, "dailyPublishLimit" | "publishTimeSlots">): number {
  const slotMinutes = settings.publishTimeSlots.reduce(
    (sum, s) => sum + Math.max(0, parseHhMm(s.end) - parseHhMm(s.start)),
    0,
  );
  return Math.max(1, Math.floor(slotMinutes / Math.max(1, settings.dailyPublishLimit)));
}

/** Counts publications per local day, ISO week and month, and answers "is there room at t?". */
export class LimitCounter {
  private readonly counts = new Map<string, number>();
  constructor(private readonly settings: PlanSettings) {}

  private keys(instant: number) {
    const local = toLocal(instant, this.settings.timezone);
    return [`d${dayKey(local)}`, `w${isoWeekKey(local)}`, `m${monthKey(local)}`] as const;
  }

  add(instant: number) {
    for (const key of this.keys(instant)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Which limit is full at `instant`, or undefined when one more fits. */
  fullLimit(instant: number): "daily" | "weekly" | "monthly" | undefined {
    const [day, week, month] = this.keys(instant).map((k) => this.counts.get(k) ?? 0);
    if (day >= this.settings.dailyPublishLimit) return "daily";
    if (week >= this.settings.weeklyPublishLimit) return "weekly";
    if (month >= this.settings.monthlyPublishLimit) return "monthly";
    return undefined;
  }
}

type Window = { start: number; end: number };

/** The slot windows (as instants) of each allowed local day from the day of `from` for `days` days. */
function slotWindows(settings: PlanSettings, from: number, days: number): Window[] {
  const allowed = new Set(settings.publishDays);
  const slots = [...settings.publishTimeSlots]
    .map((s) => ({ start: parseHhMm(s.start), end: parseHhMm(s.end) }))
    .sort((a, b) => a.start - b.start);
  const local = toLocal(from, settings.timezone);
  const first: LocalDate = { year: local.year, month: local.month, day: local.day };
  const windows: Window[] = [];
  for (let i = 0; i <= days; i++) {
    const date = addDays(first, i);
    if (!allowed.has(WEEKDAYS[isoWeekday(date)])) continue;
    for (const slot of slots) {
      const start = fromLocal(date, slot.start, settings.timezone);
      const end = fromLocal(date, slot.end, settings.timezone);
      if (end > start) windows.push({ start, end });
    }
  }
  return windows;
}

/** The plan: one entry per queued item that gets a moment within the horizon, in time order. */
export function planSchedule(input: PlanInput): PlannedPublication[] {
  const { settings, now, horizonDays } = input;
  if (!settings.autoPublishEnabled || !input.queue.length) return [];
  const nowMs = now.getTime();
  const horizonEnd = nowMs + horizonDays * 24 * 60 * MINUTE;
  const spacing = spacingMinutes(settings) * MINUTE;
  const counter = new LimitCounter(settings);
  // Only publications from just before now can be "the latest before" a moment we plan.
  const publications: number[] = [];
  for (const date of input.published) {
    const t = date.getTime();
    if (t < nowMs - 40 * 24 * 60 * MINUTE) continue; // older than any day, week or month we count
    counter.add(t);
    if (t > nowMs - spacing) publications.push(t);
  }
  const windows = slotWindows(settings, nowMs, horizonDays + 1);
  const planned: { item: QueueItem; at: number }[] = [];
  const place = (item: QueueItem, at: number) => {
    counter.add(at);
    publications.push(at);
    planned.push({ item, at });
  };

  /** Earliest moment ≥ from in a slot, spaced from earlier publications, within the limits. */
  const firstFreeMoment = (from: number): number | undefined => {
    for (const window of windows) {
      if (window.end <= from) continue;
      const candidates = new Set<number>([Math.max(window.start, from)]);
      for (const p of publications) {
        const t = p + spacing;
        if (t > from && t >= window.start && t < window.end) candidates.add(t);
      }
      for (const t of [...candidates].sort((a, b) => a - b)) {
        if (t >= horizonEnd) return undefined;
        const latestBefore = Math.max(-Infinity, ...publications.filter((p) => p <= t));
        if (t - latestBefore < spacing) continue;
        if (counter.fullLimit(t)) continue;
        return t;
      }
    }
    return undefined;
  };

  const byTime = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? 0) - (b?.getTime() ?? 0);
  const explicit = input.queue
    .filter((i) => i.scheduledAt)
    .sort((a, b) => byTime(a.scheduledAt, b.scheduledAt) || a.id.localeCompare(b.id));
  const ordered = input.queue
    .filter((i) => !i.scheduledAt)
    .sort((a, b) => byTime(a.approvedAt ?? a.createdAt, b.approvedAt ?? b.createdAt) || a.id.localeCompare(b.id));

  for (const item of explicit) {
    const at = Math.max(item.scheduledAt!.getTime(), nowMs);
    if (at >= horizonEnd) continue;
    const moment = counter.fullLimit(at) ? firstFreeMoment(at) : at;
    if (moment !== undefined) place(item, moment);
  }
  for (const item of ordered) {
    const moment = firstFreeMoment(nowMs);
    if (moment === undefined) break;
    place(item, moment);
  }
  return planned
    .sort((a, b) => a.at - b.at)
    .map(({ item, at }) => ({ content_id: item.id, title: item.title, publish_at: new Date(at).toISOString() }));
}
