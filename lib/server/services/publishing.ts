import "server-only";
import type { Db } from "@/db/client";
import type { PublishingSettings } from "@/db/tables";
import * as q from "@/db/queries/publishing";
import { planSchedule, type PlanSettings } from "@/lib/publishing/plan";
import {
  publishingSettingsSchema,
  type PatchPublishingSettingsBody,
  type PlannedPublicationDto,
  type PublishingSettingsDto,
} from "@/lib/schemas/publishing";
import { getSiteOr404 } from "./sites";

/** How far back published history matters: the longest period we count (a month) and then some. */
export const HISTORY_DAYS = 40;

export function toPublishingSettingsDto(row: PublishingSettings): PublishingSettingsDto {
  return publishingSettingsSchema.parse({
    site_id: row.siteId,
    auto_approval_enabled: row.autoApprovalEnabled,
    auto_publish_enabled: row.autoPublishEnabled,
    daily_publish_limit: row.dailyPublishLimit,
    weekly_publish_limit: row.weeklyPublishLimit,
    monthly_publish_limit: row.monthlyPublishLimit,
    publish_days: row.publishDays,
    publish_time_slots: row.publishTimeSlots,
    timezone: row.timezone,
    updated_at: row.updatedAt.toISOString(),
  });
}

/** The spec's get_or_create_for_site: a site without settings gets the defaults on first read. */
export async function getOrCreateSettingsForSite(
  db: Db,
  accountId: string,
  siteId: string,
): Promise<PublishingSettings> {
  await getSiteOr404(db, accountId, siteId);
  return q.getOrCreatePublishingSettings(db, { accountId, siteId });
}

export async function getPublishingSettingsDto(db: Db, accountId: string, siteId: string) {
  return toPublishingSettingsDto(await getOrCreateSettingsForSite(db, accountId, siteId));
}

/** Saves settings (PUT sends all fields, PATCH some). The plan is computed on read, so it follows at once. */
export async function savePublishingSettings(
  db: Db,
  accountId: string,
  siteId: string,
  body: PatchPublishingSettingsBody,
) {
  await getOrCreateSettingsForSite(db, accountId, siteId);
  const row = await q.updatePublishingSettings(
    db,
    { accountId, siteId },
    {
      ...(body.auto_approval_enabled !== undefined && { autoApprovalEnabled: body.auto_approval_enabled }),
      ...(body.auto_publish_enabled !== undefined && { autoPublishEnabled: body.auto_publish_enabled }),
      ...(body.daily_publish_limit !== undefined && { dailyPublishLimit: body.daily_publish_limit }),
      ...(body.weekly_publish_limit !== undefined && { weeklyPublishLimit: body.weekly_publish_limit }),
      ...(body.monthly_publish_limit !== undefined && { monthlyPublishLimit: body.monthly_publish_limit }),
      ...(body.publish_days !== undefined && { publishDays: body.publish_days }),
      ...(body.publish_time_slots !== undefined && {
        publishTimeSlots: [...body.publish_time_slots].sort((a, b) => a.start.localeCompare(b.start)),
      }),
      ...(body.timezone !== undefined && { timezone: body.timezone }),
    },
  );
  if (body.auto_approval_enabled) await q.autoApproveReviewContent(db, { accountId, siteId, now: new Date() });
  return toPublishingSettingsDto(row);
}

export function toPlanSettings(row: PublishingSettings): PlanSettings {
  return {
    autoPublishEnabled: row.autoPublishEnabled,
    dailyPublishLimit: row.dailyPublishLimit,
    weeklyPublishLimit: row.weeklyPublishLimit,
    monthlyPublishLimit: row.monthlyPublishLimit,
    publishDays: row.publishDays,
    publishTimeSlots: row.publishTimeSlots,
    timezone: row.timezone,
  };
}

/** The plan for a site from its current settings, queue and history: what the scheduler will do. */
export async function planForSite(
  db: Db,
  settings: PublishingSettings,
  now: Date,
  horizonDays: number,
): Promise<PlannedPublicationDto[]> {
  const scope = { accountId: settings.accountId, siteId: settings.siteId };
  const [queue, published] = await Promise.all([
    q.listPublishQueue(db, scope),
    q.listPublicationTimes(db, { ...scope, since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000) }),
  ]);
  return planSchedule({ settings: toPlanSettings(settings), queue, published, now, horizonDays });
}

/** GET publishing_schedule: the next publications over `days` days. */
export async function getPublishingSchedule(db: Db, accountId: string, siteId: string, days: number, now = new Date()) {
  const settings = await getOrCreateSettingsForSite(db, accountId, siteId);
  return planForSite(db, settings, now, days);
}
