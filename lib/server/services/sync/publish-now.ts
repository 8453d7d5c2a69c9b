import "server-only";
import type { Db } from "@/db/client";
import type { Content, Site, SiteIntegration, SyncEvent } from "@/db/tables";
import { wordpressIdOf } from "@/lib/schemas/content-refs";
import { getContentByIds } from "@/db/queries/content";
import { getSyncItems } from "@/db/queries/content-sync";
import { listSiteIntegrations } from "@/db/queries/integrations";
import { getLatestPushEvent, getPushClaim } from "@/db/queries/push-claims";
import { getSite } from "@/db/queries/sites";
import { getEvent, updateEvent } from "@/db/queries/sync-events";
import {
  publishDestinationSchema,
  publishResultSchema,
  type PublishDestination,
  type PublishResult,
} from "@/lib/schemas/sync";
import { ApiError, notFound } from "@/lib/server/api/errors";
import { getIntegrationOr404 } from "../integrations";
import { completePublication, releasePublication, reservePublication } from "../publishing-ledger";
import { toSyncEventDto } from "./dto";
import { createSyncContext, type SyncContext } from "./context";
import { describeError, isPermanentSiteError } from "./errors";
import { pushItems } from "./push";
import { isHeldForItsTime } from "./push-prepare";
import { publishInProgress } from "./push-claims";

/** How long a publish waits for another push of the same item before answering 409. */
const WAIT_FOR_HOLDER_MS = 30_000;
const POLL_MS = 200;

/**
 * Pushes one item now, in this request, to each chosen integration of its site (every active one
 * with sync on when none are chosen), through the same engine as the runs (terms, image,
 * exactly-once create); answers the first destination's state and event, and every destination's
 * in `destinations`. A failure at one destination is its own result; the others are still sent.
 */
export async function publishContent(
  db: Db,
  accountId: string,
  contentId: string,
  options: { waitMs?: number; integrationIds?: string[] } = {},
): Promise<PublishResult> {
  const [item] = await getContentByIds(db, { accountId, ids: [contentId] });
  if (!item) throw notFound("Content");
  if (!["approved", "scheduled", "published"].includes(item.status)) {
    throw new ApiError("conflict", `Only approved content is published; this item is ${item.status}.`, {
      fix: "Approve it first, then publish.",
    });
  }
  const integrations = await listSiteIntegrations(db, { accountId, siteId: item.siteId });
  const wanted = options.integrationIds;
  const unknown = wanted?.filter((id) => !integrations.some((i) => i.id === id)) ?? [];
  if (unknown.length) throw notFound("Integration");
  const targets = integrations.filter((i) => i.isActive && (wanted ? wanted.includes(i.id) : i.syncEnabled));
  if (!targets.length) {
    throw new ApiError("conflict", "This item's site has no active integration to publish to.", {
      fix: "Connect the site under Integrations first (or turn its sync on).",
    });
  }
  const site = (await getSite(db, { accountId, id: item.siteId }))!;
  const results: PublishDestination[] = [];
  for (const [n, integration] of targets.entries()) {
    try {
      results.push(await publishTo(db, { integration, site, item }, options.waitMs));
    } catch (error) {
      // The first destination's failure is the answer, as with one integration; later ones are reported.
      if (n === 0 || !(error instanceof ApiError)) throw error;
      results.push(await failedResult(db, integration, item.id, error));
    }
  }
  const [first] = results as [PublishResult];
  return { ...first, destinations: results.map((r) => publishDestinationSchema.parse(r)) };
}

/** One destination: pushes now, or waits for the push that holds the item and answers its result. */
async function publishTo(
  db: Db,
  { integration, site, item }: { integration: SiteIntegration; site: Site; item: Content },
  waitMs: number | undefined,
): Promise<PublishResult> {
  const contentId = item.id;
  // Credentials before the slot: a site whose password cannot be opened takes no slot.
  const ctx = await createSyncContext(db, { integration, site });
  const deadline = Date.now() + (waitMs ?? WAIT_FOR_HOLDER_MS);
  for (;;) {
    const pushed = await pushNow(ctx, item);
    if (pushed) return pushed;
    const holder = await waitForHolder(ctx, contentId, deadline);
    if (holder === "timeout") throw await publishInProgress(ctx, contentId);
    if (holder === "released") {
      const result = await storedResult(ctx, contentId);
      if (result) return result;
    }
    // The holder's claim lapsed (its process stopped) or left no result: push it here.
  }
}

/** One attempt: a ledger slot for a first publication, then the push; undefined when another push holds the item. */
async function pushNow(ctx: SyncContext, item: Content): Promise<PublishResult | undefined> {
  const publication = await reserveManualPublication(ctx.db, item);
  try {
    const [outcome] = await pushItems(ctx, [item], { batch: false });
    if (publication) {
      if (outcome.ok && !isHeldForItsTime(ctx, item))
        await completePublication(ctx.db, { publicationId: publication.id, now: new Date() });
      else await releasePublication(ctx.db, { publicationId: publication.id });
    }
    if (outcome.busy) return undefined;
    return resultOf(ctx, item.id, outcome.event);
  } catch (error) {
    if (publication) await releasePublication(ctx.db, { publicationId: publication.id });
    if (!isPermanentSiteError(error)) throw error;
    const { code, message, fix } = describeError(error);
    throw new ApiError(code, message, { isSiteRefusal: true, fix });
  }
}

/** Polls the item's claim until its holder releases it, lets it lapse, or the deadline passes. */
async function waitForHolder(
  ctx: SyncContext,
  contentId: string,
  deadline: number,
): Promise<"released" | "lapsed" | "timeout"> {
  for (;;) {
    const claim = await getPushClaim(ctx.db, {
      accountId: ctx.accountId,
      integrationId: ctx.integration.id,
      contentId,
    });
    if (!claim) return "released";
    if (claim.isLapsed) return "lapsed";
    if (Date.now() >= deadline) return "timeout";
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The result the last push of the item left: its state now and that push's event. */
async function storedResult(ctx: SyncContext, contentId: string): Promise<PublishResult | undefined> {
  const event = await getLatestPushEvent(ctx.db, {
    accountId: ctx.accountId,
    integrationId: ctx.integration.id,
    contentId,
  });
  return event ? resultOf(ctx, contentId, event) : undefined;
}

async function resultOf(ctx: SyncContext, contentId: string, event: SyncEvent): Promise<PublishResult> {
  const scope = { accountId: ctx.accountId, integrationId: ctx.integration.id };
  const [after] = await getSyncItems(ctx.db, { ...scope, ids: [contentId] });
  if (!after) throw notFound("Content");
  return publishResultSchema.parse({
    content_id: contentId,
    integration_id: ctx.integration.id,
    platform: ctx.integration.platform,
    sync_state: after.ref?.syncState ?? "local",
    status: after.status,
    external_id: after.ref?.externalId ?? null,
    url: after.ref?.url ?? null,
    wordpress_id: wordpressIdOf(ctx.integration.platform, after.ref?.externalId),
    wordpress_url: ctx.integration.platform === "wordpress" ? (after.ref?.url ?? null) : null,
    event: toSyncEventDto(event),
  });
}

/** A destination the push could not reach (a site-wide refusal): its state, and why, as an event-less result. */
async function failedResult(db: Db, integration: SiteIntegration, contentId: string, error: ApiError) {
  const scope = { accountId: integration.accountId, integrationId: integration.id };
  const [after] = await getSyncItems(db, { ...scope, ids: [contentId] });
  return publishDestinationSchema.parse({
    content_id: contentId,
    integration_id: integration.id,
    platform: integration.platform,
    sync_state: after?.ref?.syncState ?? "local",
    status: after?.status ?? "approved",
    external_id: after?.ref?.externalId ?? null,
    url: after?.ref?.url ?? null,
    wordpress_id: wordpressIdOf(integration.platform, after?.ref?.externalId),
    wordpress_url: null,
    event: null,
    error: { code: error.code, message: error.message, ...(error.fix ? { fix: error.fix } : {}) },
  });
}

/**
 * A first publication takes a slot in the site's ledger under the same database lock as the
 * scheduler, so a manual publish and a worker together never exceed the limits. Updates of an
 * item already published take no slot.
 */
async function reserveManualPublication(
  db: Db,
  item: { id: string; accountId: string; siteId: string; status: string },
) {
  if (item.status === "published") return undefined;
  const reservation = await reservePublication(db, {
    accountId: item.accountId,
    siteId: item.siteId,
    contentId: item.id,
    source: "manual",
    now: new Date(),
  });
  if (reservation.ok) return reservation.publication;
  if (reservation.reason === "daily" || reservation.reason === "weekly" || reservation.reason === "monthly") {
    throw new ApiError("publish_limit_reached", `This site's ${reservation.reason} publishing limit is reached.`, {
      fix: "Publish it later (the Publishing page shows the next free slot), or raise the limit in the site's Publishing settings.",
    });
  }
  return undefined;
}

/** Retries the item of one failed push event now; the old event records the retry. */
export async function retrySyncEvent(
  db: Db,
  accountId: string,
  integrationId: string,
  eventId: string,
): Promise<PublishResult> {
  await getIntegrationOr404(db, accountId, integrationId);
  const event = await getEvent(db, { accountId, integrationId, id: eventId });
  if (!event) throw notFound("Sync event");
  if (event.status !== "failed") throw new ApiError("conflict", "Only failed events can be retried.");
  if (!event.contentId)
    throw new ApiError("conflict", "This event has no content item to retry.", { fix: "Start a new sync instead." });
  const result = await publishContent(db, accountId, event.contentId);
  await updateEvent(db, { id: event.id }, { metadata: { ...event.metadata, retried_by: result.event.id } });
  return result;
}
