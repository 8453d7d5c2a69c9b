/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl: local date parts of an
 * instant, and the instant of a local date and time, daylight-saving gaps and overlaps resolved.
 */

export type LocalDate = { year: number; month: number; day: number };
export type LocalDateTime = LocalDate & { hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the zone (accepts IANA names and aliases such as "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in a zone. */
export function toLocal(instant: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: -5 h). */
export function offsetAt(instant: number, timeZone: string): number {
  const l = toLocal(instant, timeZone);
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show `date` + `minutes` after midnight (1440 = the
 * next midnight). A time that does not exist (spring-forward gap) gives the moment the clocks
 * jump, the first that exists after it; a repeated time (fall back) gives its first occurrence.
 */
export function fromLocal(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const hour = 3_600_000;
  const before = offsetAt(wall - 12 * hour, timeZone);
  const after = offsetAt(wall + 12 * hour, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (candidates.length) return Math.min(...candidates);
  // In a spring-forward gap: find the jump between the last moment on the old offset
  // (wall - after) and the first on the new one (wall - before), to the minute.
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The calendar date `days` after `date` (pure calendar arithmetic, no zone). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

/** ISO 8601 week of a date as "YYYY-Www" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(date: LocalDate): string {
  const thursday = addDays(date, 3 - isoWeekday(date));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const week = Math.floor((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / 86_400_000 / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, "0")}`;
}

export function dayKey(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function monthKey(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}`;
}

/** "HH:MM" → minutes after midnight ("24:00" = 1440). */
export function parseHhMm(value: string): number {
  const [h, m] = value.split(":").map(Number);
  return h * 60 + m;
}
