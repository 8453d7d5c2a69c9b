import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { content, contentTaxonomies, images, syncState } from "./content";
import { siteIntegrations } from "./integrations";

/** Where content, terms and images live on each integration: the platform's ids as text. */

/**
 * One content item on one integration: the platform's id (as text, whatever the platform uses),
 * its version stamp, address and status as last seen, and the base of conflict detection (the
 * hash, version and fields both sides last agreed on).
 */
export const contentRefs = pgTable(
  "content_refs",
  {
    contentId: uuid()
      .notNull()
      .references(() => content.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    accountId: uuid().notNull(),
    /** Null while a first create is under way (the marker that it may have happened). */
    externalId: text(),
    url: text(),
    /** The platform's own status (WordPress publish/future/trash, Ghost sent, ...). */
    remoteStatus: text(),
    /** The platform's version stamp as last seen (modified_gmt, updated_at, lastUpdated). */
    version: text(),
    baseHash: text(),
    baseVersion: text(),
    /** The synced fields as both sides last agreed on: the base of a conflict view. */
    baseSnapshot: jsonb().$type<Record<string, unknown>>(),
    syncState: syncState().notNull().default("pending"),
    lastSyncedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contentId, t.integrationId] }),
    uniqueIndex("content_refs_integration_external_idx").on(t.integrationId, t.externalId),
  ],
);

/** A term of the site on one integration (Shopify's tags are their own names; others have ids). */
export const taxonomyRefs = pgTable(
  "taxonomy_refs",
  {
    taxonomyId: uuid()
      .notNull()
      .references(() => contentTaxonomies.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    accountId: uuid().notNull(),
    externalId: text().notNull(),
    /** The platform's id of the parent term (categories). */
    parentExternalId: text(),
  },
  (t) => [
    primaryKey({ columns: [t.taxonomyId, t.integrationId] }),
    index("taxonomy_refs_integration_idx").on(t.integrationId, t.externalId),
  ],
);

/** An image in one integration's media library: its id there and the address it serves. */
export const mediaRefs = pgTable(
  "media_refs",
  {
    imageId: uuid()
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    accountId: uuid().notNull(),
    externalId: text().notNull(),
    url: text(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.integrationId] })],
);

export type ContentRef = typeof contentRefs.$inferSelect;
export type NewContentRef = typeof contentRefs.$inferInsert;
export type TaxonomyRef = typeof taxonomyRefs.$inferSelect;
