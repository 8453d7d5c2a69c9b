import {
  boolean,
  customType,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { sites } from "./sites";

export const contentType = pgEnum("content_type", ["post", "page", "product"]);
export const contentStatus = pgEnum("content_status", ["draft", "review", "approved", "scheduled", "published"]);
/** Where an item stands with its copy on a platform (content_refs), and across them (content). */
export const syncState = pgEnum("sync_state", [
  "local",
  "pending",
  "synced",
  "failed",
  "conflict",
  "remote_trashed",
  "remote_deleted",
]);

export const content = pgTable(
  "content",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The site's account (tenancy filter); the site's foreign key removes the rows with the account. */
    accountId: uuid().notNull(),
    siteId: uuid()
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    contentType: contentType().notNull().default("post"),
    title: text().notNull().default(""),
    /** HTML body. */
    content: text().notNull().default(""),
    excerpt: text().notNull().default(""),
    slug: text().notNull().default(""),
    status: contentStatus().notNull().default("draft"),
    isAutoApproved: boolean().notNull().default(false),
    approvedAt: timestamp({ withTimezone: true }),
    scheduledAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    featuredImageUrl: text(),
    /** SEO fields (Yoast SEO / Rank Math through the IGNY8 plugin); null when not set. */
    seoTitle: text(),
    seoDescription: text(),
    focusKeyword: text(),
    canonicalUrl: text(),
    /** Hash of the synced fields as they are now in IGNY8. */
    contentHash: text(),
    /**
     * Where the item stands across its destinations (content_refs), kept by the database: the most
     * pressing of its references' states (conflict, failed, pending, remote_deleted, remote_trashed,
     * synced), `local` without any.
     */
    syncState: syncState().notNull().default("local"),
    /** The newest sync of any of its references (kept with syncState). */
    lastSyncedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The one site-led index: every query of content is by id or by site, and a second site-led
    // index lets the planner, misjudging a newly pulled site as small, scan all its rows per lookup.
    index("content_site_idx").on(t.siteId, t.createdAt),
  ],
);

export const taxonomyType = pgEnum("taxonomy_type", ["category", "tag"]);

export const contentTaxonomies = pgTable(
  "content_taxonomies",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    siteId: uuid()
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    type: taxonomyType().notNull(),
    name: text().notNull(),
    slug: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("content_taxonomies_site_type_slug_idx").on(t.siteId, t.type, t.slug)],
);

export const contentTaxonomyLinks = pgTable(
  "content_taxonomy_links",
  {
    contentId: uuid()
      .notNull()
      .references(() => content.id, { onDelete: "cascade" }),
    /** No foreign key (checking one locks the term's row for every link a pull writes); links of a removed term are deleted with it. */
    taxonomyId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contentId, t.taxonomyId] }),
    index("content_taxonomy_links_taxonomy_idx").on(t.taxonomyId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const images = pgTable(
  "images",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    contentId: uuid().references(() => content.id, { onDelete: "cascade" }),
    imageUrl: text(),
    /** Stored file (generated images: provider URLs expire). */
    data: bytea(),
    mimeType: text(),
    sha256: text(),
    isFeatured: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("images_content_idx").on(t.contentId), index("images_account_sha_idx").on(t.accountId, t.sha256)],
);

export type Content = typeof content.$inferSelect;
export type NewContent = typeof content.$inferInsert;
export type ContentTaxonomy = typeof contentTaxonomies.$inferSelect;
export type Image = typeof images.$inferSelect;
