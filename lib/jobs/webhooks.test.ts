import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { siteIntegrations, sites, webhookReceipts } from "@/db/tables";
import * as route from "@/app/api/v1/integration/webhook/[platform]/route";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/server/services/webhooks/secrets";
import { createTestTenant } from "@/test/support/db";
import { getDbHandle } from "@/db/client";
import { jobTicks } from "./definitions";
import { stopJobs } from "./queue";
import { WEBHOOK_RECEIPT_RETENTION_SECONDS, pruneOldWebhookReceipts, webhookPruneJob } from "./webhooks";

const POST = (req: Request) => route.POST(req, { params: Promise.resolve({ platform: "wordpress" }) });

process.env.WEBHOOK_PROCESSING = "off";
const SITE = "https://prune.example.com";
const DAY = 24 * 3600;

async function setup() {
  const { db, auth } = await createTestTenant("prune");
  const [site] = await db.insert(sites).values({ accountId: auth.accountId, name: "Prune", url: SITE }).returning();
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  const webhookSecret = sealWebhookSecret({ id, accountId: auth.accountId }, secret);
  await db
    .insert(siteIntegrations)
    .values({ id, accountId: auth.accountId, siteId: site.id, externalSiteUrl: SITE, webhookSecret });
  return { db, id, secret };
}

describe("webhook receipt pruning", () => {
  it("deletes finished receipts past the retention in batches; recent ones stay and still de-duplicate", async () => {
    const { db, id, secret } = await setup();
    const payload = { action: "post_updated", post_id: 7, post_type: "post", site_url: SITE };
    type Status = "processed" | "ignored" | "failed" | "pending";
    const receipt = (webhookId: string, ageSeconds: number, status: Status) => ({
      integrationId: id,
      webhookId,
      payload,
      status,
      receivedAt: sql`now() - make_interval(secs => ${ageSeconds})`,
    });
    const retention = WEBHOOK_RECEIPT_RETENTION_SECONDS;
    // The plugin gives up on a delivery 24 h after it was queued: a week is the retention.
    expect(retention).toBeGreaterThanOrEqual(2 * DAY);
    const old = Array.from({ length: 5 }, (_, i) =>
      receipt(`old_${i}`, retention + 60 + i, i % 2 ? "ignored" : "processed"),
    );
    await db.insert(webhookReceipts).values([
      ...old,
      receipt("old_failed", retention + 60, "failed"),
      // Still work to do, however old: pending receipts are the inbox and never pruned.
      receipt("old_pending", retention + 60, "pending"),
      receipt("day_old", DAY + 3600, "processed"),
      receipt("just_under", retention - 3600, "processed"),
      receipt("fresh", 0, "ignored"),
    ]);

    await webhookPruneJob.handler({});
    const left = await db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, id));
    expect(left.map((r) => r.webhookId).sort()).toEqual(["day_old", "fresh", "just_under", "old_pending"]);

    // The plugin re-sends a delivery whose answer it lost a day ago: it is still a duplicate.
    const body = JSON.stringify(payload);
    const headers = (webhookId: string) => {
      const now = new Date();
      const signature = new Webhook(secret).sign(webhookId, now, body);
      return {
        "content-type": "application/json",
        "webhook-id": webhookId,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      };
    };
    const url = `http://app.test/api/v1/integration/webhook/wordpress/?integration=${id}`;
    const again = await POST(new Request(url, { method: "POST", body, headers: headers("day_old") }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const kept = await db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, id));
    expect(kept.filter((r) => r.webhookId === "day_old")).toMatchObject([{ status: "processed" }]);
  });

  it("works through more old receipts than one batch", async () => {
    const { db, id } = await setup();
    const ageSeconds = WEBHOOK_RECEIPT_RETENTION_SECONDS + 60;
    await db.insert(webhookReceipts).values(
      Array.from({ length: 7 }, (_, i) => ({
        integrationId: id,
        webhookId: `batch_${i}`,
        status: "processed" as const,
        receivedAt: sql`now() - make_interval(secs => ${ageSeconds})`,
      })),
    );
    expect(await pruneOldWebhookReceipts(db, { batch: 3 })).toBeGreaterThanOrEqual(7);
    expect(await db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, id))).toEqual([]);
  });
});

describe("the prune schedule", () => {
  afterAll(() => stopJobs());

  it("is among the ticks every worker runs, and queues the prune job", async () => {
    for (const tick of jobTicks) await tick.run();
    const handle = await getDbHandle();
    const jobs = await handle.query("select name from pgboss.job where name = $1", [webhookPruneJob.name]);
    expect(jobs.length).toBeGreaterThan(0);
  });
});
