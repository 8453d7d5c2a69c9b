import "server-only";
import type { Db } from "@/db/client";
import type { Publication, PublishingSettings } from "@/db/tables";
import * as q from "@/db/queries/publishing";
import * as pubs from "@/db/queries/publications";
import { LimitCounter } from "@/lib/publishing/plan";
import { HISTORY_DAYS, toPlanSettings } from "./publishing";

export type Reservation =
  | { ok: true; publication: Publication }
  | {
      ok: false;
      reason: "daily" | "weekly" | "monthly" | "auto_publish_off" | "not_publishable" | "already_published";
    };

/**
 * Takes a publication slot for one item, in the database: a transaction locks the site's
 * publishing_settings row (every writer of the site's ledger takes that lock first), counts the
 * site's publications in the day, ISO week and month of `now` in the site's time zone, and
 * inserts the ledger row only when all three limits leave room. Concurrent workers and manual
 * publishes therefore queue on the lock and can never exceed a limit together.
 *
 * Manual publishes call this with `source: "manual"` before pushing (so they count, and with
 * `enforceLimits: false` to publish past a full day anyway), then `completePublication` after a
 * successful push or `releasePublication` after a failed one.
 */
export async function reservePublication(
  db: Db,
  params: {
    accountId: string;
    siteId: string;
    contentId: string;
    source: "auto" | "manual";
    now: Date;
    enforceLimits?: boolean;
  },
): Promise<Reservation> {
  const { accountId, siteId, contentId, source, now } = params;
  await q.getOrCreatePublishingSettings(db, { accountId, siteId });
  return db.transaction(async (tx) => {
    const settings = await q.lockPublishingSettings(tx, { siteId });
    if (!settings || settings.accountId !== accountId) return { ok: false, reason: "not_publishable" } as const;
    if (source === "auto" && !settings.autoPublishEnabled) return { ok: false, reason: "auto_publish_off" } as const;
    const item = await q.getContentForPublishing(tx, { id: contentId });
    if (!item || item.accountId !== accountId || item.siteId !== siteId)
      return { ok: false, reason: "not_publishable" } as const;
    if (source === "auto" && item.status !== "approved" && item.status !== "scheduled")
      return { ok: false, reason: "not_publishable" } as const;
    if (params.enforceLimits !== false) {
      const full = (await countPublications(tx, settings, now)).fullLimit(now.getTime());
      if (full) return { ok: false, reason: full } as const;
    }
    const publication = await pubs.insertPublication(tx, {
      accountId,
      siteId,
      contentId,
      source,
      state: "reserved",
      slotAt: now,
      // A manual publisher pushes right away: keep the scheduler's retries off its row meanwhile.
      nextAttemptAt: source === "manual" ? new Date(now.getTime() + 24 * 3_600_000) : null,
    });
    if (!publication) return { ok: false, reason: "already_published" } as const;
    return { ok: true, publication } as const;
  });
}

/** The site's publications in the limits' history window, counted per day, week and month (under the ledger lock). */
async function countPublications(tx: Db, settings: PublishingSettings, now: Date): Promise<LimitCounter> {
  const counter = new LimitCounter(toPlanSettings(settings));
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  for (const at of await q.listPublicationTimes(tx, { accountId: settings.accountId, siteId: settings.siteId, since }))
    counter.add(at.getTime());
  return counter;
}

export type BulkReservation = {
  /** Items that may be pushed now, with their new ledger row (none when they already had one). */
  allowed: Array<{ contentId: string; publicationId?: string }>;
  /** Items left for later, in order: a limit is full. */
  deferred: string[];
  /** Items whose slot another publisher holds (the scheduler is pushing them, or will retry): left to it. */
  held: string[];
  /** The limit that deferred them. */
  fullLimit?: "daily" | "weekly" | "monthly";
};

/**
 * Slots for the first publications of a manual bulk push or a sync run, in one transaction under
 * the site's ledger lock: items take slots in the order given until a limit is full; the rest
 * are deferred (they stay approved, for a later push). An item published before (a ledger row in
 * `published`) takes no second slot; one whose slot is reserved belongs to the publisher holding
 * it (the scheduler pushing or retrying it) and is left alone, never pushed twice at once.
 */
export async function reservePublications(
  db: Db,
  params: { accountId: string; siteId: string; contentIds: string[]; now: Date },
): Promise<BulkReservation> {
  const { accountId, siteId, now } = params;
  if (!params.contentIds.length) return { allowed: [], deferred: [], held: [] };
  await q.getOrCreatePublishingSettings(db, { accountId, siteId });
  return db.transaction(async (tx) => {
    const settings = await q.lockPublishingSettings(tx, { siteId });
    if (!settings || settings.accountId !== accountId)
      return { allowed: [], deferred: [], held: [...params.contentIds] };
    const counter = await countPublications(tx, settings, now);
    const ledger = await pubs.listPublicationStates(tx, { accountId, siteId, contentIds: params.contentIds });
    const result: BulkReservation = { allowed: [], deferred: [], held: [] };
    const take: string[] = [];
    for (const contentId of params.contentIds) {
      const state = ledger.get(contentId);
      if (state === "reserved") {
        result.held.push(contentId);
        continue;
      }
      if (state === "published") {
        result.allowed.push({ contentId });
        continue;
      }
      result.fullLimit ??= counter.fullLimit(now.getTime());
      if (result.fullLimit) {
        result.deferred.push(contentId);
        continue;
      }
      take.push(contentId);
      counter.add(now.getTime());
    }
    const rows = await pubs.insertPublications(
      tx,
      take.map((contentId) => ({
        accountId,
        siteId,
        contentId,
        source: "manual" as const,
        state: "reserved" as const,
        slotAt: now,
        nextAttemptAt: new Date(now.getTime() + 24 * 3_600_000),
      })),
    );
    const ids = new Map(rows.map((r) => [r.contentId, r.id]));
    result.allowed.push(...take.map((contentId) => ({ contentId, publicationId: ids.get(contentId) })));
    return result;
  });
}

/** The push succeeded: the slot is spent for good. */
export async function completePublication(db: Db, params: { publicationId: string; now: Date }) {
  return pubs.updatePublication(
    db,
    { id: params.publicationId },
    { state: "published", publishedAt: params.now, lastError: null, nextAttemptAt: null },
  );
}

/** A manual push failed (or the item can no longer be published): give the slot back. */
export async function releasePublication(db: Db, params: { publicationId: string }) {
  await pubs.deletePublication(db, { id: params.publicationId });
}
