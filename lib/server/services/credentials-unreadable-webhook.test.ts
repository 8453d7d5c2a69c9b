import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { siteIntegrations, sites, webhookReceipts } from "@/db/tables";
import * as webhooks from "@/app/api/v1/integration/[id]/webhooks/route";
import * as route from "@/app/api/v1/integration/webhook/[platform]/route";
import { getSyncDashboard } from "./content-dashboard";
import { unreadableCredentials } from "./integrations";
import { forgetWebhookSender } from "./webhooks/receive";
import { generateWebhookSecret, sealWebhookSecret } from "./webhooks/secrets";
import {
  call,
  expectMarked,
  expectUnreadable,
  kinds,
  setup,
  unreadable,
  type Setup,
} from "./credentials-unreadable.fixtures";

/** The webhook route for platform=wordpress (/api/v1/integration/webhook/wordpress/). */
const receiver = { POST: (req: Request) => route.POST(req, { params: Promise.resolve({ platform: "wordpress" }) }) };

describe("a webhook signing secret that no longer decrypts", () => {
  async function deliver(t: Setup, secret = t.webhookSecret) {
    const body = JSON.stringify({ action: "post_updated", post_id: 12, post_type: "post", site_url: t.url });
    const webhookId = `evt_${crypto.randomUUID()}`;
    const at = new Date();
    const headers = {
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(webhookId, at, body),
    };
    const res = await receiver.POST(
      new Request(`http://app.test/api/v1/integration/webhook/wordpress/?integration=${t.id}`, {
        method: "POST",
        body,
        headers,
      }),
    );
    const receipts = await t.db
      .select()
      .from(webhookReceipts)
      .where(and(eq(webhookReceipts.integrationId, t.id), eq(webhookReceipts.webhookId, webhookId)));
    return { res, receipts };
  }

  describe.each(kinds)("%s", (kind) => {
    it("the receiver answers 503 credentials_unreadable (the plugin retries), records nothing and marks the integration", async () => {
      const t = await setup(kind, "webhook_secret");
      const first = await deliver(t);
      await expectUnreadable(first.res, kind, "webhook_secret", 503);
      expect(first.receipts).toEqual([]);
      await expectMarked(t.db, t.id);
      // Kept for a few seconds like any sender: the same answer, also for a signature made with any other secret.
      const again = await deliver(t, generateWebhookSecret());
      await expectUnreadable(again.res, kind, "webhook_secret", 503);
      expect(again.receipts).toEqual([]);
    });

    it("once the secret is repaired in this process, the kept answer is dropped and deliveries are accepted", async () => {
      const t = await setup(kind, "webhook_secret");
      expect((await deliver(t)).res.status).toBe(503);
      const [row] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      await t.db
        .update(siteIntegrations)
        .set({ webhookSecret: sealWebhookSecret(row, t.webhookSecret) })
        .where(eq(siteIntegrations.id, t.id));
      forgetWebhookSender(t.id); // what installing webhooks and editing the integration do
      const accepted = await deliver(t);
      expect(accepted.res.status).toBe(202);
      expect(accepted.receipts).toHaveLength(1);
    });

    it("only the previous secret unreadable: deliveries signed with the current one are accepted", async () => {
      const t = await setup(kind);
      const [row] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      const old = generateWebhookSecret();
      const ctx = {
        table: "site_integrations",
        column: "webhook_secret_previous",
        rowId: t.id,
        accountId: t.accountId,
      };
      const previous = unreadable(kind, sealWebhookSecret(row, old, "webhook_secret_previous"), old, ctx);
      await t.db.update(siteIntegrations).set({ webhookSecretPrevious: previous }).where(eq(siteIntegrations.id, t.id));
      expect((await deliver(t)).res.status).toBe(202);
      expect((await deliver(t, old)).res.status).toBe(401);
      const [after] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      expect(after.connectionStatus).toBe("connected");
    });

    it("the Sync Dashboard names the signing secret and points at Install webhooks", async () => {
      const t = await setup(kind, "webhook_secret");
      await deliver(t);
      const { integration } = (await getSyncDashboard(t.db, t.accountId, t.siteId))!;
      expect(integration.credentialProblems).toEqual([
        {
          secret: "webhook_secret",
          message: expect.stringContaining("webhook signing secret cannot be decrypted"),
          fix: expect.stringContaining("Install webhooks"),
        },
      ]);
    });

    it("installing webhooks replaces the unreadable secret instead of keeping it as the previous one", async () => {
      // The site's address is refused, so the plugin is never reached; the new secret is stored first all the same.
      const t = await setup(kind, "webhook_secret");
      const [before] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      const res = await call(webhooks.POST, t.apiKey, { method: "POST", params: { id: t.id } });
      expect(res.status).toBe(422);
      expect((await res.json()).error.code).toBe("blocked_address");
      const [row] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      expect(row.webhookSecret).not.toBe(before.webhookSecret);
      expect(row.webhookSecretPrevious).toBeNull();
      expect(
        unreadableCredentials({
          integration: row,
          site: (await t.db.select().from(sites).where(eq(sites.id, t.siteId)))[0],
        }),
      ).toEqual([]);
    });
  });
});
