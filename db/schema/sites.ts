import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

export const sites = pgTable(
  "sites",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    url: text().notNull(),
    /** WordPress user the Application Password belongs to. */
    wpUsername: text(),
    /** The WordPress Application Password, encrypted (secret box); the single source of truth for WordPress auth. */
    wpApiKey: text(),
    wpApiKeyLast4: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sites_account_idx").on(t.accountId)],
);

export type Site = typeof sites.$inferSelect;
export type NewSite = typeof sites.$inferInsert;
