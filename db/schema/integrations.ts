import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { accounts } from "./accounts";
import { sites } from "./sites";
import { content } from "./content";

export const platform = pgEnum("platform", ["wordpress", "shopify", "ghost", "webflow"]);
export const integrationSyncStatus = pgEnum("integration_sync_status", [
  "pending",
  "idle",
  "syncing",
  "completed",
  "error",
]);
export const connectionStatus = pgEnum("connection_status", ["pending", "connected", "error"]);
export const conflictPolicy = pgEnum("conflict_policy", ["manual", "igny8_wins", "wordpress_wins", "newest_wins"]);

export const siteIntegrations = pgTable(
  "site_integrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    siteId: uuid()
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    platform: platform().notNull().default("wordpress"),
    externalSiteUrl: text().notNull(),
    isActive: boolean().notNull().default(true),
    syncEnabled: boolean().notNull().default(true),
    lastSyncAt: timestamp({ withTimezone: true }),
    syncStatus: integrationSyncStatus().notNull().default("pending"),
    syncError: text(),
    connectionStatus: connectionStatus().notNull().default("pending"),
    /** Connection doctor code of the last failure (auth_failed, rest_blocked, ...). */
    connectionErrorCode: text(),
    connectionCheckedAt: timestamp({ withTimezone: true }),
    configJson: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /**
     * Credentials of platforms other than the site's own WordPress (whose Application Password the
     * site holds): `{ sealed, last4 }`, the JSON of every field sealed by the secret box with this
     * row as associated data, and the last four characters of each for display. Never returned.
     */
    credentialsJson: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Standard Webhooks secrets (encrypted); the previous one verifies during rotation. */
    webhookSecret: text(),
    webhookSecretPrevious: text(),
    webhookSecretRotatedAt: timestamp({ withTimezone: true }),
    /** Ids the platform gave the webhooks IGNY8 registered (Ghost), removed when a new secret replaces them. */
    webhookRegistrations: jsonb().$type<string[]>().notNull().default([]),
    conflictPolicy: conflictPolicy().notNull().default("manual"),
    /** Scheduled incremental pull; null = off. */
    syncIntervalMinutes: integer(),
    nextSyncAt: timestamp({ withTimezone: true }),
    /** Incremental pull cursor per content type: { post: { modifiedGmt, ids } }. */
    pullCursor: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    consecutiveFailures: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("site_integrations_account_idx").on(t.accountId),
    // Several integrations per site (a WordPress blog and a Shopify store), one per external site.
    uniqueIndex("site_integrations_site_platform_url_idx").on(t.siteId, t.platform, t.externalSiteUrl),
  ],
);

export const syncDirection = pgEnum("sync_direction", ["igny8_to_wp", "wp_to_igny8"]);
export const syncRunDirection = pgEnum("sync_run_direction", ["pull", "push", "both"]);
export const syncRunStatus = pgEnum("sync_run_status", ["queued", "running", "completed", "failed"]);

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    direction: syncRunDirection().notNull(),
    status: syncRunStatus().notNull().default("queued"),
    isFull: boolean().notNull().default(false),
    trigger: text().notNull().default("manual"),
    contentIds: jsonb().$type<string[]>(),
    processed: integer().notNull().default(0),
    total: integer(),
    failed: integer().notNull().default(0),
    /** First publications a push left for later: the site's publishing limit (deferredLimit) was full. */
    deferred: integer().notNull().default(0),
    deferredLimit: text(),
    error: text(),
    errorCode: text(),
    /** Resumable position of an interrupted run. */
    checkpoint: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    heartbeatAt: timestamp({ withTimezone: true }),
    /** Token of the worker holding the run; a stale heartbeat lets another worker take it over. */
    leaseId: text(),
    /** HTTP requests that failed and were retried during the run (429, 5xx, resets, timeouts). */
    retries: integer().notNull().default(0),
    /** Until when the run waits for the platform's rate limit (Shopify's cost bucket, Webflow's budget); past = not waiting. */
    waitingUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sync_runs_integration_idx").on(t.integrationId, t.createdAt),
    // One active run per integration, enforced by the database.
    uniqueIndex("sync_runs_one_active_idx")
      .on(t.integrationId)
      .where(sql`status in ('queued', 'running')`),
  ],
);

export const syncEventType = pgEnum("sync_event_type", [
  "content_push",
  "content_pull",
  "webhook",
  "taxonomy_sync",
  "conflict",
]);
export const syncEventStatus = pgEnum("sync_event_status", ["pending", "success", "failed"]);

export const syncEvents = pgTable(
  "sync_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The integration's account (tenancy filter); the integration's foreign key removes the rows with it. */
    accountId: uuid().notNull(),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    runId: uuid().references(() => syncRuns.id, { onDelete: "set null" }),
    eventType: syncEventType().notNull(),
    direction: syncDirection().notNull(),
    contentType: text(),
    contentId: uuid().references(() => content.id, { onDelete: "set null" }),
    /** The platform's id of the item (a WordPress post id, a Ghost object id). */
    externalId: text(),
    status: syncEventStatus().notNull().default("pending"),
    errorMessage: text(),
    errorCode: text(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sync_events_integration_idx").on(t.integrationId, t.createdAt),
    index("sync_events_content_idx").on(t.contentId),
  ],
);

export const conflictStatus = pgEnum("conflict_status", ["open", "resolved"]);

export const contentConflicts = pgTable(
  "content_conflicts",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    contentId: uuid()
      .notNull()
      .references(() => content.id, { onDelete: "cascade" }),
    status: conflictStatus().notNull().default("open"),
    detectedBy: text().notNull(),
    base: jsonb().$type<Record<string, unknown>>(),
    igny8Version: jsonb().$type<Record<string, unknown>>().notNull(),
    wordpressVersion: jsonb().$type<Record<string, unknown>>().notNull(),
    resolution: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("content_conflicts_integration_idx").on(t.integrationId, t.status)],
);

/**
 * Who is pushing an item to an integration right now: at most one push of one item to one
 * integration at a time, across processes (insert-or-nothing on the key; a claim whose holder
 * stopped renewing it lapses at `expires_at`). Every push takes it before it reads the item, so
 * a double click, a retried request, the scheduler and a sync run never create a second copy.
 */
export const pushClaims = pgTable(
  "push_claims",
  {
    contentId: uuid()
      .notNull()
      .references(() => content.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    accountId: uuid().notNull(),
    /** The holder: one per push call; its release removes only its own claims. */
    token: uuid().notNull(),
    /** The sync run pushing the item, when it is a run (the losers name it). */
    runId: uuid(),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contentId, t.integrationId] }), index("push_claims_token_idx").on(t.token)],
);

export type SiteIntegration = typeof siteIntegrations.$inferSelect;
export type NewSiteIntegration = typeof siteIntegrations.$inferInsert;
export type SyncRun = typeof syncRuns.$inferSelect;
export type PushClaim = typeof pushClaims.$inferSelect;
export type SyncEvent = typeof syncEvents.$inferSelect;
export type ContentConflict = typeof contentConflicts.$inferSelect;
