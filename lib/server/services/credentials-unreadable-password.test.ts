import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { content, siteIntegrations, sites, syncEvents, syncRuns, webhookReceipts } from "@/db/tables";
import { insertRunIfIdle } from "@/db/queries/sync";
import { listLedger } from "@/test/support/publishing";
import { refOf } from "@/test/support/refs";
import { getWordPressTestSite } from "@/test/support/wordpress";
import * as one from "@/app/api/v1/integration/[id]/route";
import * as testConnection from "@/app/api/v1/integration/[id]/test_connection/route";
import * as webhooks from "@/app/api/v1/integration/[id]/webhooks/route";
import * as publish from "@/app/api/v1/content/[id]/publish/route";
import { getSyncDashboard } from "./content-dashboard";
import { unreadableCredentials } from "./integrations";
import { executeSyncRun } from "./sync/runs";
import { processWebhookReceipts } from "./webhooks/process";
import { call, expectMarked, expectUnreadable, kinds, paths, setup } from "./credentials-unreadable.fixtures";

describe("an Application Password that no longer decrypts", () => {
  describe.each(kinds)("%s", (kind) => {
    it.each(paths)(
      "%s answers credentials_unreadable (422) with the fix and marks the integration in error",
      async (_path, request) => {
        const t = await setup(kind);
        await expectUnreadable(await request(t), kind);
        await expectMarked(t.db, t.id);
      },
    );

    it("publishing takes no slot and changes nothing; installing webhooks rotates no signing secret", async () => {
      const t = await setup(kind);
      const [before] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      await expectUnreadable(await call(publish.POST, t.apiKey, { method: "POST", params: { id: t.itemId } }), kind);
      await expectUnreadable(await call(webhooks.POST, t.apiKey, { method: "POST", params: { id: t.id } }), kind);
      expect(await listLedger(t.db, t.siteId)).toEqual([]);
      const [item] = await t.db.select().from(content).where(eq(content.id, t.itemId));
      expect(item).toMatchObject({ status: "approved", syncState: "local" });
      expect(await refOf(t.db, t.itemId)).toBeUndefined();
      const [after] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      expect(after.webhookSecret).toBe(before.webhookSecret);
    });

    it("PATCH with a new address but no password: 422 on application_password asking for it, nothing changed", async () => {
      const t = await setup(kind);
      const res = await call(one.PATCH, t.apiKey, {
        method: "PATCH",
        params: { id: t.id },
        body: { external_site_url: "https://moved.example.com" },
      });
      const error = await expectUnreadable(res, kind);
      expect(error.message).toMatch(
        /^application_password: is required: the stored Application Password cannot be decrypted/,
      );
      expect(error.fix).toMatch(/^Enter the Application Password with this change/);
      expect(error.details).toEqual([
        { field: "application_password", message: expect.stringContaining("is required") },
      ]);
      const row = await expectMarked(t.db, t.id);
      expect(row.externalSiteUrl).toBe(t.url);
      // A change that needs no password still works.
      const paused = await call(one.PATCH, t.apiKey, {
        method: "PATCH",
        params: { id: t.id },
        body: { is_active: false },
      });
      expect(paused.status).toBe(200);
      expect(await paused.json()).toMatchObject({
        is_active: false,
        connection_status: "error",
        connection_error_code: "credentials_unreadable",
      });
    });

    it("a sync run fails at once with credentials_unreadable (no retry), its error and fix on the integration", async () => {
      const t = await setup(kind);
      const run = (await insertRunIfIdle(t.db, {
        accountId: t.accountId,
        integrationId: t.id,
        direction: "both",
        isFull: false,
        trigger: "manual",
      }))!;
      await expect(executeSyncRun(t.db, run.id)).resolves.toBeUndefined();
      const [after] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      expect(after).toMatchObject({ status: "failed", errorCode: "credentials_unreadable" });
      expect(after.error).toContain("WordPress Application Password cannot be decrypted");
      expect(after.finishedAt).toBeInstanceOf(Date);
      const row = await expectMarked(t.db, t.id);
      expect(row).toMatchObject({ syncStatus: "error", consecutiveFailures: 1 });
      expect(row.syncError).toContain("Re-enter the Application Password (Integrations → Edit)");
      // The job's retry (or a supervisor's) finds nothing left to do.
      await executeSyncRun(t.db, run.id);
      expect((await t.db.select().from(syncRuns).where(eq(syncRuns.id, run.id)))[0].status).toBe("failed");
    });

    it("webhook imports fail as for a site that refuses us: receipts failed, a failed event with the fix, nothing retried", async () => {
      const t = await setup(kind);
      const webhookId = `evt_${crypto.randomUUID()}`;
      await t.db.insert(webhookReceipts).values({
        integrationId: t.id,
        webhookId,
        payload: { action: "post_updated", post_id: 7, post_type: "post", site_url: t.url },
        status: "pending",
      });
      expect(await processWebhookReceipts(t.db, t.id)).toBe(0);
      const [receipt] = await t.db.select().from(webhookReceipts).where(eq(webhookReceipts.webhookId, webhookId));
      expect(receipt.status).toBe("failed");
      const [event] = await t.db
        .select()
        .from(syncEvents)
        .where(and(eq(syncEvents.integrationId, t.id), eq(syncEvents.eventType, "webhook")));
      expect(event).toMatchObject({ status: "failed", errorCode: "credentials_unreadable", externalId: "7" });
      expect((event.metadata as { fix?: string }).fix).toContain("Re-enter the Application Password");
      await expectMarked(t.db, t.id);
    });

    it("the Sync Dashboard and the Integrations page get the message and fix of what cannot be decrypted", async () => {
      const t = await setup(kind);
      await call(testConnection.POST, t.apiKey, { method: "POST", params: { id: t.id } });
      const dashboard = (await getSyncDashboard(t.db, t.accountId, t.siteId))!;
      expect(dashboard.integration).toMatchObject({
        connectionStatus: "error",
        connectionErrorCode: "credentials_unreadable",
      });
      expect(dashboard.integration.credentialProblems).toEqual([
        {
          secret: "application_password",
          message: expect.stringContaining("Application Password cannot be decrypted"),
          fix: expect.stringContaining("Re-enter the Application Password"),
        },
      ]);
      const [site] = await t.db.select().from(sites).where(eq(sites.id, t.siteId));
      const [integration] = await t.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, t.id));
      expect(unreadableCredentials({ integration, site })).toEqual(dashboard.integration.credentialProblems);
    });
  });

  describe.skipIf(!getWordPressTestSite())("against a real WordPress", () => {
    it.each(kinds)("%s: entering the Application Password again repairs the integration", async (kind) => {
      const wp = getWordPressTestSite()!;
      const t = await setup(kind, "application_password", wp);
      await expectUnreadable(await call(testConnection.POST, t.apiKey, { method: "POST", params: { id: t.id } }), kind);
      await expectMarked(t.db, t.id);
      const res = await call(one.PATCH, t.apiKey, {
        method: "PATCH",
        params: { id: t.id },
        body: { application_password: wp.applicationPassword },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ connection_status: "connected", connection_error_code: null });
      const tested = await call(testConnection.POST, t.apiKey, { method: "POST", params: { id: t.id } });
      expect(await tested.json()).toMatchObject({ connected: true });
      expect((await getSyncDashboard(t.db, t.accountId, t.siteId))!.integration.credentialProblems).toEqual([]);
    });
  });
});
