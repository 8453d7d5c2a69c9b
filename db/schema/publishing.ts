import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { sites } from "./sites";
import { content } from "./content";

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
  publishTimeSlots: jsonb()
    .$type<TimeSlot[]>()
    .notNull()
    .default([{ start: "09:00", end: "17:00" }]),
  timezone: text().notNull().default("UTC"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type PublishingSettings = typeof publishingSettings.$inferSelect;

export const publicationSource = pgEnum("publication_source", ["auto", "manual"]);
/** reserved = the slot is taken and the push is pending (or being retried); published = done. */
export const publicationState = pgEnum("publication_state", ["reserved", "published"]);

/**
 * The publication ledger: one row per item published to a site (automatically or by hand). The
 * daily/weekly/monthly limits are counted over it inside a transaction that locks the site's
 * publishing_settings row, so concurrent workers and manual publishes can never exceed them.
 */
export const publications = pgTable(
  "publications",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    siteId: uuid()
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    /** Kept (null) when the item is deleted: the publication still counted that day. */
    contentId: uuid().references(() => content.id, { onDelete: "set null" }),
    source: publicationSource().notNull(),
    state: publicationState().notNull().default("reserved"),
    /** The moment the slot was taken; limits count it in the site's day, ISO week and month. */
    slotAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    /** A pending push is retried from this moment (also a lease while one worker pushes). */
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("publications_site_slot_idx").on(t.siteId, t.slotAt),
    uniqueIndex("publications_content_idx").on(t.contentId),
  ],
);

export type Publication = typeof publications.$inferSelect;
