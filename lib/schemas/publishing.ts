import { z } from "zod";
import { acceptingReadOnly, strictBody } from "./common";

/** Request bodies and response shapes of the publishing settings, schedule and sync schedule. */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const MAX_PUBLISH_LIMIT = 10_000;

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/** zod's type error, with "is required" when the field is missing. */
const expect = (text: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : text),
});
const minutes = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

const limitSchema = z
  .number(expect("must be a whole number, 0 or more"))
  .int("must be a whole number, 0 or more")
  .min(0, "must be 0 or more")
  .max(MAX_PUBLISH_LIMIT, `must be ${MAX_PUBLISH_LIMIT} or less`);

const daysSchema = z
  .array(
    z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(", ")}` }),
    expect(`must be a list of days from ${WEEKDAYS.join(", ")}`),
  )
  .superRefine((days, ctx) => {
    const seen = new Set<string>();
    days.forEach((day, i) => {
      if (seen.has(day)) ctx.addIssue({ code: "custom", path: [i], message: `"${day}" is listed twice` });
      seen.add(day);
    });
  });

const slotSchema = z
  .object({
    start: z.string(expect("must be a time HH:MM")).regex(HH_MM, "must be a time HH:MM between 00:00 and 23:59"),
    end: z
      .string(expect("must be a time HH:MM"))
      .regex(new RegExp(`${HH_MM.source}|^24:00$`), "must be a time HH:MM between 00:01 and 24:00"),
  })
  .refine((slot) => minutes(slot.start) < minutes(slot.end), { path: ["end"], message: "must be after the start" });

const slotsSchema = z
  .array(slotSchema, expect('must be a list of {"start": "HH:MM", "end": "HH:MM"}'))
  .max(24, "must have 24 slots or fewer")
  .superRefine((slots, ctx) => {
    const order = slots
      .map((slot, index) => ({ ...slot, index }))
      .filter((s) => HH_MM.test(s.start) && minutes(s.start) < minutes(s.end))
      .sort((a, b) => minutes(a.start) - minutes(b.start));
    for (let i = 1; i < order.length; i++) {
      const previous = order[i - 1];
      if (minutes(order[i].start) < minutes(previous.end)) {
        ctx.addIssue({
          code: "custom",
          path: [order[i].index],
          message: `overlaps ${previous.start}–${previous.end}; slots must not overlap`,
        });
      }
    }
  });

/** Checked where it runs: the server and the browser both know their zones through Intl. */
export function isKnownTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const timezoneSchema = z
  .string(expect("must be an IANA time zone such as Europe/Berlin"))
  .trim()
  .refine(isKnownTimeZone, "is not a known time zone; use an IANA name such as America/New_York or UTC");

const fields = {
  auto_approval_enabled: z.boolean(expect("must be true or false")),
  auto_publish_enabled: z.boolean(expect("must be true or false")),
  daily_publish_limit: limitSchema,
  weekly_publish_limit: limitSchema,
  monthly_publish_limit: limitSchema,
  publish_days: daysSchema,
  publish_time_slots: slotsSchema,
  timezone: timezoneSchema,
};

export const publishingSettingsSchema = z.object({
  site_id: z.string(),
  auto_approval_enabled: z.boolean(),
  auto_publish_enabled: z.boolean(),
  daily_publish_limit: z.number(),
  weekly_publish_limit: z.number(),
  monthly_publish_limit: z.number(),
  publish_days: z.array(z.enum(WEEKDAYS)),
  publish_time_slots: z.array(z.object({ start: z.string(), end: z.string() })),
  timezone: z.string(),
  updated_at: z.string(),
});
export type PublishingSettingsDto = z.infer<typeof publishingSettingsSchema>;

/** PUT: the whole record; site_id and updated_at of a GET answer are read-only. */
export const putPublishingSettingsBodySchema = acceptingReadOnly(strictBody(fields), publishingSettingsSchema);
export type PutPublishingSettingsBody = z.infer<typeof putPublishingSettingsBodySchema>;

/** PATCH: any subset. */
export const patchPublishingSettingsBodySchema = acceptingReadOnly(
  strictBody(fields)
    .partial()
    .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" }),
  publishingSettingsSchema,
);
export type PatchPublishingSettingsBody = z.infer<typeof patchPublishingSettingsBodySchema>;

export const publishingScheduleQuerySchema = z.object({
  days: z.coerce
    .number({ message: "must be a number of days" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(90, "must be 90 or less")
    .default(14),
});

export const plannedPublicationSchema = z.object({ content_id: z.string(), title: z.string(), publish_at: z.string() });
export type PlannedPublicationDto = z.infer<typeof plannedPublicationSchema>;

export const SYNC_INTERVAL_MIN = 5;
export const SYNC_INTERVAL_MAX = 1440;

export const syncScheduleSchema = z.object({
  integration_id: z.string(),
  interval_minutes: z.number().nullable(),
  /** When the next scheduled pull is due (later while the site is failing); null when off. */
  next_run_at: z.string().nullable(),
  consecutive_failures: z.number(),
});
export type SyncScheduleDto = z.infer<typeof syncScheduleSchema>;

/** PATCH: the interval; integration_id, next_run_at and consecutive_failures of a GET answer are read-only. */
export const syncScheduleBodySchema = acceptingReadOnly(
  strictBody({
    interval_minutes: z
      .number(expect(`must be null (off) or a number of minutes from ${SYNC_INTERVAL_MIN} to ${SYNC_INTERVAL_MAX}`))
      .int("must be a whole number of minutes")
      .min(SYNC_INTERVAL_MIN, `must be at least ${SYNC_INTERVAL_MIN} minutes`)
      .max(SYNC_INTERVAL_MAX, `must be at most ${SYNC_INTERVAL_MAX} minutes (24 hours)`)
      .nullable(),
  }),
  syncScheduleSchema,
);
export type SyncScheduleBody = z.infer<typeof syncScheduleBodySchema>;
