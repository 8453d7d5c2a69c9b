import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { sites } from "./sites";

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export type TimeSlot = { start: string; end: string };

/** Site-level publishing configuration used by the scheduler (one row per site). */
export const publishingSettings = pgTable("publishing_settings", {
  siteId: uuid()
    .primaryKey()
    .references(() => sites.id, { onDelete: "cascade" }),
  accountId: uuid()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  autoApprovalEnabled: boolean().notNull().default(false),
  autoPublishEnabled: boolean().notNull().default(false),
  dailyPublishLimit: integer().notNull().default(5),
  weeklyPublishLimit: integer().notNull().default(20),
  monthlyPublishLimit: integer().notNull().default(60),
  publishDays: jsonb().$type<Weekday[]>().notNull().default(["mon", "tue", "wed", "thu", "fri"]),
  publishTimeSlots: jsonb().$type<TimeSlot[]>().notNull().default([{ start: "09:00", end: "17:00" }]),
  timezone: text().notNull().default("UTC"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type PublishingSettings = typeof publishingSettings.$inferSelect;
