import "server-only";
import type { Db } from "@/db/client";
import type { Publication, PublishingSettings } from "@/db/tables";
import * as q from "@/db/queries/publishing";
import * as pubs from "@/db/queries/publications";
import { listSiteIntegrations } from "@/db/queries/integrations";
import { getSite } from "@/db/queries/sites";
import { logError, logInfo } from "@/lib/server/log";
import { createSyncContext } from "./sync/context";
import { describeError } from "./sync/errors";
import { pushItems } from "./sync/push";
import { planForSite } from "./publishing";
import { completePublication, releasePublication, reservePublication } from "./publishing-ledger";

/** A push attempt holds its publication this long; a worker that dies mid-push is retried after it. */
const LEASE_MS = 5 * 60_000;
/** An item another push holds is looked at again this much later, without counting an attempt. */
const BUSY_RETRY_MS = 60_000;
/** Retries of a failed push wait 1, 2, 4 … minutes, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

export type PublishingTickReport = {
  /** Items moved from review to approved by auto-approval. */
  approved: string[];
  /** Items pushed and published in this tick. */
  published: string[];
  /** Items whose push failed; they keep their slot and are retried. */
  failed: string[];
};

/**
 * Auto-approval: content that reaches review is approved at once when the site has it on
 * (recorded with is_auto_approved). Content services call this after moving an item to review.
 */
export async function onContentReviewed(db: Db, contentId: string, now = new Date()): Promise<boolean> {
  const item = await q.getContentForPublishing(db, { id: contentId });
  if (!item || item.status !== "review") return false;
  const settings = await q.getPublishingSettings(db, { accountId: item.accountId, siteId: item.siteId });
  if (!settings?.autoApprovalEnabled) return false;
  const ids = await q.autoApproveReviewContent(db, {
    accountId: item.accountId,
    siteId: item.siteId,
    now,
    ids: [contentId],
  });
  return ids.length > 0;
}

/**
 * One scheduler pass at `now` (the job queue runs it every minute; tests pass their own clock):
 * auto-approve items in review, then for each site with auto-publish on, reserve a slot for every
 * planned item that is due and push it (and retry earlier failed pushes) through the sync engine.
 * `scope.accountId` limits the pass to one account.
 */
export async function runPublishingTick(
  db: Db,
  now = new Date(),
  scope: { accountId?: string } = {},
): Promise<PublishingTickReport> {
  const report: PublishingTickReport = { approved: [], published: [], failed: [] };
  for (const settings of await q.listSettingsWith(db, "autoApprovalEnabled", scope)) {
    report.approved.push(
      ...(await q.autoApproveReviewContent(db, { accountId: settings.accountId, siteId: settings.siteId, now })),
    );
  }
  for (const settings of await q.listSettingsWith(db, "autoPublishEnabled", scope)) {
    try {
      await publishDueForSite(db, settings, now, report);
    } catch (error) {
      logError(`publishing tick failed for site ${settings.siteId}`, error);
    }
  }
  return report;
}

async function publishDueForSite(db: Db, settings: PublishingSettings, now: Date, report: PublishingTickReport) {
  const scope = { accountId: settings.accountId, siteId: settings.siteId };
  const plan = await planForSite(db, settings, now, 1);
  for (const planned of plan) {
    if (Date.parse(planned.publish_at) > now.getTime()) break;
    const reservation = await reservePublication(db, { ...scope, contentId: planned.content_id, source: "auto", now });
    if (!reservation.ok && reservation.reason !== "already_published" && reservation.reason !== "not_publishable")
      break;
  }
  for (const publication of await pubs.listDuePublications(db, { ...scope, now })) {
    if (publication.source !== "auto") continue;
    const leased = await pubs.leasePublication(db, {
      id: publication.id,
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
    });
    if (leased) await pushPublication(db, leased, now, report);
  }
}

/** Pushes a reserved publication's item; a failure keeps the reservation for a later retry. */
async function pushPublication(db: Db, publication: Publication, now: Date, report: PublishingTickReport) {
  const item = publication.contentId ? await q.getContentForPublishing(db, { id: publication.contentId }) : undefined;
  if (!item || item.status === "draft" || item.status === "review") {
    // Deleted or taken back before its push went out: nothing was published, so free the slot.
    await releasePublication(db, { publicationId: publication.id });
    return;
  }
  const fail = async (message: string) => {
    await pubs.updatePublication(
      db,
      { id: publication.id },
      { lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(publication.attempts)) },
    );
    report.failed.push(item.id);
    logInfo(`auto-publish of ${item.id} failed (attempt ${publication.attempts}): ${message}`);
  };
  // Every destination of the site with sync on (a WordPress blog and a Ghost site both get it).
  const integrations = (await listSiteIntegrations(db, { accountId: item.accountId, siteId: item.siteId })).filter(
    (i) => i.isActive && i.syncEnabled,
  );
  const site = await getSite(db, { accountId: item.accountId, id: item.siteId });
  if (!integrations.length || !site) return fail("The site has no active integration with sync on.");
  try {
    for (const integration of integrations) {
      const [outcome] = await pushItems(await createSyncContext(db, { integration, site }), [item], { batch: false });
      if (outcome.busy) {
        // Another push of the item is running (a manual publish, a sync run): look again next minute.
        await pubs.updatePublication(
          db,
          { id: publication.id },
          { nextAttemptAt: new Date(now.getTime() + BUSY_RETRY_MS), attempts: Math.max(0, publication.attempts - 1) },
        );
        return;
      }
      // A destination that failed is retried with the publication; those already sent are updated then.
      if (!outcome.ok) return fail(outcome.event.errorMessage ?? "The push failed.");
    }
    await completePublication(db, { publicationId: publication.id, now });
    report.published.push(item.id);
  } catch (error) {
    await fail(describeError(error).message);
  }
}
