import { and, asc, eq, gte, inArray, isNotNull, notExists, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { content, publications, publishingSettings, type Content, type PublishingSettings } from "../tables";

type SiteScope = { accountId: string; siteId: string };

export async function getPublishingSettings(db: Executor, params: SiteScope): Promise<PublishingSettings | undefined> {
  const [row] = await db
    .select()
    .from(publishingSettings)
    .where(and(eq(publishingSettings.accountId, params.accountId), eq(publishingSettings.siteId, params.siteId)));
  return row;
}

/** The site's settings, created with the defaults when it has none (the caller checked the site). */
export async function getOrCreatePublishingSettings(db: Executor, params: SiteScope): Promise<PublishingSettings> {
  const existing = await getPublishingSettings(db, params);
  if (existing) return existing;
  await db
    .insert(publishingSettings)
    .values({ siteId: params.siteId, accountId: params.accountId })
    .onConflictDoNothing();
  return (await getPublishingSettings(db, params))!;
}

export async function updatePublishingSettings(
  db: Executor,
  params: SiteScope,
  values: Partial<typeof publishingSettings.$inferInsert>,
) {
  const [row] = await db
    .update(publishingSettings)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(publishingSettings.accountId, params.accountId), eq(publishingSettings.siteId, params.siteId)))
    .returning();
  return row;
}

/** Locks the site's settings row until the transaction ends: every ledger write for the site takes this lock first. */
export async function lockPublishingSettings(
  tx: Executor,
  params: { siteId: string },
): Promise<PublishingSettings | undefined> {
  const [row] = await tx
    .select()
    .from(publishingSettings)
    .where(eq(publishingSettings.siteId, params.siteId))
    .for("update");
  return row;
}

export async function listSettingsWith(
  db: Executor,
  flag: "autoPublishEnabled" | "autoApprovalEnabled",
  params: { accountId?: string } = {},
): Promise<PublishingSettings[]> {
  return db
    .select()
    .from(publishingSettings)
    .where(
      and(
        eq(publishingSettings[flag], true),
        params.accountId ? eq(publishingSettings.accountId, params.accountId) : undefined,
      ),
    );
}

const hasPublication = (db: Executor) =>
  db
    .select({ one: sql`1` })
    .from(publications)
    .where(eq(publications.contentId, content.id));

/** Approved or scheduled items of the site that have no publication yet (the planner's queue). */
export async function listPublishQueue(
  db: Executor,
  params: SiteScope,
): Promise<Pick<Content, "id" | "title" | "approvedAt" | "scheduledAt" | "createdAt">[]> {
  return db
    .select({
      id: content.id,
      title: content.title,
      approvedAt: content.approvedAt,
      scheduledAt: content.scheduledAt,
      createdAt: content.createdAt,
    })
    .from(content)
    .where(
      and(
        eq(content.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        inArray(content.status, ["approved", "scheduled"]),
        notExists(hasPublication(db)),
      ),
    )
    .orderBy(asc(content.approvedAt), asc(content.id))
    .limit(1000);
}

/**
 * When things were published to the site since `since`: every ledger row (reserved ones hold
 * their slot), plus content IGNY8 approved and published without a ledger row (bulk pushes).
 * Posts written in WordPress and pulled in do not use IGNY8's publishing allowance.
 */
export async function listPublicationTimes(db: Executor, params: SiteScope & { since: Date }): Promise<Date[]> {
  const [ledger, other] = await Promise.all([
    db
      .select({ at: publications.slotAt })
      .from(publications)
      .where(
        and(
          eq(publications.siteId, params.siteId),
          eq(publications.accountId, params.accountId),
          gte(publications.slotAt, params.since),
        ),
      ),
    db
      .select({ at: content.publishedAt })
      .from(content)
      .where(
        and(
          eq(content.siteId, params.siteId),
          eq(content.accountId, params.accountId),
          eq(content.status, "published"),
          gte(content.publishedAt, params.since),
          // Published through IGNY8's workflow (approved here), not posts pulled in from WordPress.
          isNotNull(content.approvedAt),
          notExists(hasPublication(db)),
        ),
      ),
  ]);
  return [...ledger, ...other].map((r) => r.at!).filter(Boolean);
}

/** Moves the site's items in review to approved, recorded as automatic. */
export async function autoApproveReviewContent(
  db: Executor,
  params: SiteScope & { now: Date; ids?: string[] },
): Promise<string[]> {
  const rows = await db
    .update(content)
    .set({ status: "approved", isAutoApproved: true, approvedAt: params.now, updatedAt: params.now })
    .where(
      and(
        eq(content.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        eq(content.status, "review"),
        params.ids ? inArray(content.id, params.ids) : undefined,
      ),
    )
    .returning({ id: content.id });
  return rows.map((r) => r.id);
}

export async function getContentForPublishing(db: Executor, params: { id: string }): Promise<Content | undefined> {
  const [row] = await db.select().from(content).where(eq(content.id, params.id));
  return row;
}
