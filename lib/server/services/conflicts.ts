import "server-only";
import { getSyncItems } from "@/db/queries/content-sync";
import type { Db } from "@/db/client";
import type { ContentConflict } from "@/db/tables";
import { countOpenConflicts, getConflict, listConflicts, resolveConflictRow } from "@/db/queries/conflicts";
import { ensureTerms, getContentByIds, replaceTermLinks, updateContent } from "@/db/queries/content";
import { getSite } from "@/db/queries/sites";
import { listSiteIntegrations, updateIntegration } from "@/db/queries/integrations";
import {
  conflictDetailSchema,
  conflictPolicyDtoSchema,
  conflictSummarySchema,
  type ConflictPolicy,
  type ListConflictsQuery,
  type ResolveConflictBody,
} from "@/lib/schemas/conflicts";
import { slugify } from "@/lib/schemas/content";
import { ApiError, notFound } from "@/lib/server/api/errors";
import { offsetOf } from "@/lib/server/api/paginate";
import { platformName } from "@/lib/platforms/metadata";
import { getIntegrationOr404, platformOf } from "./integrations";
import { diffFields, readVersion } from "./conflicts-versions";
import { createSyncContext, type SyncContext } from "./sync/context";
import { pushOurs, storeTheirs } from "./sync/conflicts";
import { describeError } from "./sync/errors";

type Row = { conflict: ContentConflict; title: string; contentType: string; externalId: string | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toSummary({ conflict, title, contentType, externalId }: Row) {
  return conflictSummarySchema.parse({
    id: conflict.id,
    integration_id: conflict.integrationId,
    content_id: conflict.contentId,
    content_title: title,
    content_type: contentType,
    wordpress_id: externalId && /^\d+$/.test(externalId) ? Number(externalId) : null,
    status: conflict.status,
    detected_by: conflict.detectedBy,
    resolution: conflict.resolution,
    resolved_at: iso(conflict.resolvedAt),
    created_at: conflict.createdAt.toISOString(),
  });
}

export async function listIntegrationConflicts(
  db: Db,
  accountId: string,
  integrationId: string,
  query: ListConflictsQuery,
) {
  await getIntegrationOr404(db, accountId, integrationId);
  const { rows, count } = await listConflicts(db, {
    accountId,
    integrationId,
    status: query.status,
    limit: query.page_size,
    offset: offsetOf(query),
  });
  return { count, results: rows.map(toSummary) };
}

async function getConflictRowOr404(db: Db, accountId: string, id: string): Promise<Row> {
  const conflict = await getConflict(db, { accountId, id });
  if (!conflict) throw notFound("Conflict");
  const scope = { accountId, integrationId: conflict.integrationId };
  const [item] = await getSyncItems(db, { ...scope, ids: [conflict.contentId] });
  return {
    conflict,
    title: item?.title ?? "",
    contentType: item?.contentType ?? "post",
    externalId: item?.ref?.externalId ?? null,
  };
}

/** Both versions and the base, field by field, with which side changed each field. */
export async function getConflictDetail(db: Db, accountId: string, id: string) {
  const row = await getConflictRowOr404(db, accountId, id);
  const { conflict } = row;
  const base = (conflict.base ?? {}) as { hash?: string | null; modified_gmt?: string | null; fields?: unknown };
  const baseFields = readVersion(base.fields);
  const igny8 = readVersion(conflict.igny8Version)!;
  const wordpress = readVersion(conflict.wordpressVersion)!;
  return conflictDetailSchema.parse({
    ...toSummary(row),
    base: { hash: base.hash ?? null, modified_gmt: base.modified_gmt ?? null, fields: baseFields },
    igny8,
    wordpress,
    fields: diffFields(baseFields, igny8, wordpress),
    exact_detection: conflict.detectedBy === "push:plugin" ? true : conflict.detectedBy === "push:check" ? false : null,
  });
}

async function contextFor(db: Db, accountId: string, integrationId: string): Promise<SyncContext> {
  const { integration } = await getIntegrationOr404(db, accountId, integrationId);
  const site = (await getSite(db, { accountId, id: integration.siteId }))!;
  return createSyncContext(db, { integration, site });
}

/** Writes the merged fields into our copy (fields not given stay as ours). */
async function applyMerged(ctx: SyncContext, contentId: string, merged: NonNullable<ResolveConflictBody["merged"]>) {
  const [item] = await getContentByIds(ctx.db, { accountId: ctx.accountId, ids: [contentId] });
  await updateContent(
    ctx.db,
    { accountId: ctx.accountId, id: contentId },
    {
      ...(merged.title !== undefined && { title: merged.title }),
      ...(merged.excerpt !== undefined && { excerpt: merged.excerpt }),
      ...(merged.slug !== undefined && { slug: merged.slug || slugify(merged.title ?? item.title) }),
      ...(merged.content !== undefined && { content: merged.content }),
      ...(merged.featured_image_url !== undefined && { featuredImageUrl: merged.featured_image_url || null }),
    },
  );
  for (const [type, names] of [
    ["category", merged.categories],
    ["tag", merged.tags],
  ] as const) {
    if (!names) continue;
    const unique = new Map(names.map((name) => [slugify(name), name.trim()]));
    const ids = await ensureTerms(ctx.db, {
      accountId: ctx.accountId,
      siteId: item.siteId,
      type,
      terms: [...unique].map(([slug, name]) => ({ slug, name })),
    });
    await replaceTermLinks(ctx.db, { contentId, type, taxonomyIds: ids });
  }
}

/**
 * Resolves a conflict in a sync context: igny8/merged push our (merged) copy over WordPress's
 * current one with the expected-modified guard; wordpress stores WordPress's copy. Either way the
 * new base is set on both sides and the item returns to normal sync. An edit landing in WordPress
 * while we write answers 409 and leaves the conflict open with the newest WordPress version.
 */
export async function resolveConflictIn(ctx: SyncContext, conflict: ContentConflict, body: ResolveConflictBody) {
  if (conflict.status !== "open")
    throw new ApiError("conflict", "This conflict is already resolved.", {
      fix: "Open the item to see its current state.",
    });
  try {
    if (body.choice === "wordpress") {
      await storeTheirs(ctx, conflict.contentId);
    } else {
      if (body.choice === "merged" && body.merged) await applyMerged(ctx, conflict.contentId, body.merged);
      const outcome = await pushOurs(ctx, conflict.contentId);
      if (!outcome.ok) {
        if (outcome.event?.eventType === "conflict") {
          const platform = ctx.adapter.displayName;
          throw new ApiError(
            "conflict",
            `The item changed in ${platform} again while it was being resolved; nothing was overwritten.`,
            { fix: `Review the updated ${platform} version and resolve again.` },
          );
        }
        const fix = (outcome.event?.metadata as { fix?: string })?.fix;
        const message = outcome.event?.errorMessage ?? "The push failed.";
        throw new ApiError(outcome.event?.errorCode ?? "internal_error", message, { isSiteRefusal: true, fix });
      }
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const { code, message, fix } = describeError(error);
    throw new ApiError(code, message, { isSiteRefusal: true, fix });
  }
  return resolveConflictRow(ctx.db, { accountId: ctx.accountId, id: conflict.id }, { resolution: body.choice });
}

export async function resolveConflict(db: Db, accountId: string, id: string, body: ResolveConflictBody) {
  const { conflict } = await getConflictRowOr404(db, accountId, id);
  const ctx = await contextFor(db, accountId, conflict.integrationId);
  await resolveConflictIn(ctx, conflict, body);
  return getConflictDetail(db, accountId, id);
}

export async function getConflictPolicy(db: Db, accountId: string, integrationId: string) {
  const { integration } = await getIntegrationOr404(db, accountId, integrationId);
  return conflictPolicyDtoSchema.parse({
    integration_id: integration.id,
    policy: integration.conflictPolicy,
    open_conflicts: await countOpenConflicts(db, { accountId, integrationId }),
  });
}

export async function setConflictPolicy(db: Db, accountId: string, integrationId: string, policy: ConflictPolicy) {
  await getIntegrationOr404(db, accountId, integrationId);
  await updateIntegration(db, { accountId, id: integrationId }, { conflictPolicy: policy });
  return getConflictPolicy(db, accountId, integrationId);
}

/**
 * What the conflicts page shows: one integration of the site (`integrationId`, else its oldest),
 * its policy, and one page of its conflicts.
 */
export async function getSiteConflictsPage(
  db: Db,
  accountId: string,
  siteId: string,
  query: ListConflictsQuery,
  options: { integrationId?: string } = {},
) {
  const all = await listSiteIntegrations(db, { accountId, siteId });
  const integration = all.find((i) => i.id === options.integrationId) ?? all[0];
  if (!integration) return undefined;
  const [list, openCount] = await Promise.all([
    listIntegrationConflicts(db, accountId, integration.id, query),
    countOpenConflicts(db, { accountId, integrationId: integration.id }),
  ]);
  const platform = platformName(platformOf(integration));
  return { integrationId: integration.id, platform, policy: integration.conflictPolicy, openCount, ...list };
}
