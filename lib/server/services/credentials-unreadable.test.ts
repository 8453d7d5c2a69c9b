import { describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "@/db/client";
import { content, siteIntegrations, sites, syncEvents, syncRuns, webhookReceipts } from "@/db/tables";
import { insertRunIfIdle } from "@/db/queries/sync";
import { encryptSecret, getKeyring, type SecretContext } from "@/lib/server/secret-box";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { createApprovedContent, deadPort, listLedger } from "@/test/support/publishing";
import { refOf } from "@/test/support/refs";
import { getWordPressTestSite } from "@/test/support/wordpress";
import * as one from "@/app/api/v1/integration/[id]/route";
import * as testConnection from "@/app/api/v1/integration/[id]/test_connection/route";
import * as contentTypes from "@/app/api/v1/integration/[id]/content_types/route";
import * as testCollection from "@/app/api/v1/integration/[id]/test_collection_connection/route";
import * as updateStructure from "@/app/api/v1/integration/[id]/update_structure/route";
import * as webhooks from "@/app/api/v1/integration/[id]/webhooks/route";
import * as publish from "@/app/api/v1/content/[id]/publish/route";
import * as retry from "@/app/api/v1/integration/[id]/sync_events/[event_id]/retry/route";
import * as route from "@/app/api/v1/integration/webhook/[platform]/route";
import { getSyncDashboard } from "./content-dashboard";
import { unreadableCredentials } from "./integrations";
import { executeSyncRun } from "./sync/runs";
import { processWebhookReceipts } from "./webhooks/process";
import { forgetWebhookSender } from "./webhooks/receive";
import { generateWebhookSecret, sealWebhookSecret } from "./webhooks/secrets";

/** The webhook route for platform=wordpress (/api/v1/integration/webhook/wordpress/). */
const receiver = { POST: (req: Request) => route.POST(req, { params: Promise.resolve({ platform: "wordpress" }) }) };

/** Everything written to the console: the SecretBoxError goes to the log, never into a response. */
const logged: string[] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  logged.push(args.map(String).join(" "));
});

const PASSWORD = "abcd efgh ijkl mnop qrst uvwx";
/** A keyring holding only a key that the app's ENCRYPTION_KEYS does not have. */
const gone = { primaryId: "gone", keys: new Map([["gone", Buffer.alloc(32, 5)]]) };

type Kind = "tampered" | "key-less";
const kinds: Kind[] = ["tampered", "key-less"];

/** The stored value made unreadable: one character of its ciphertext flipped, or sealed with a key not in the keyring. */
function unreadable(kind: Kind, stored: string, plaintext: string, ctx: SecretContext) {
  if (kind === "key-less") return encryptSecret(plaintext, ctx, gone);
  const parts = stored.split(".");
  const i = Math.floor(parts[3].length / 2);
  parts[3] = parts[3].slice(0, i) + (parts[3][i] === "A" ? "B" : "A") + parts[3].slice(i + 1);
  return parts.join(".");
}

/**
 * An account with a connected integration at `url` (nothing listens there unless a test says so),
 * an approved item, a failed push event of it, and a webhook signing secret; then the secret named
 * by `broken` made unreadable in the database.
 */
async function setup(
  kind: Kind,
  broken: "application_password" | "webhook_secret" = "application_password",
  wp?: { url: string; username: string; applicationPassword: string },
) {
  const { db, auth, apiKey } = await createTestTenant("creds");
  const target = wp ?? {
    url: `http://127.0.0.1:${await deadPort()}`,
    username: "admin",
    applicationPassword: PASSWORD,
  };
  const { site, integration } = await createTestIntegration(db, auth.accountId, target);
  const webhookSecret = generateWebhookSecret();
  await db
    .update(siteIntegrations)
    .set({ webhookSecret: sealWebhookSecret(integration, webhookSecret) })
    .where(eq(siteIntegrations.id, integration.id));
  if (broken === "application_password") {
    const ctx = { table: "sites", column: "wp_api_key", rowId: site.id, accountId: auth.accountId };
    await db
      .update(sites)
      .set({ wpApiKey: unreadable(kind, site.wpApiKey!, target.applicationPassword, ctx) })
      .where(eq(sites.id, site.id));
  } else {
    const ctx = {
      table: "site_integrations",
      column: "webhook_secret",
      rowId: integration.id,
      accountId: auth.accountId,
    };
    const [row] = await db.select().from(siteIntegrations).where(eq(siteIntegrations.id, integration.id));
    await db
      .update(siteIntegrations)
      .set({ webhookSecret: unreadable(kind, row.webhookSecret!, webhookSecret, ctx) })
      .where(eq(siteIntegrations.id, integration.id));
  }
  const [item] = await createApprovedContent(db, auth.accountId, site.id, [`Unreadable ${crypto.randomUUID()}`]);
  const [event] = await db
    .insert(syncEvents)
    .values({
      accountId: auth.accountId,
      integrationId: integration.id,
      eventType: "content_push",
      direction: "igny8_to_wp",
      contentId: item.id,
      status: "failed",
      errorCode: "unreachable",
    })
    .returning();
  return {
    db,
    accountId: auth.accountId,
    apiKey,
    siteId: site.id,
    id: integration.id,
    itemId: item.id,
    eventId: event.id,
    webhookSecret,
    url: target.url,
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(
  route: Route,
  key: string,
  { method = "GET", params = {}, body }: { method?: string; params?: Record<string, string>; body?: unknown },
) {
  const req = new Request("http://localhost/api/v1/", {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return route(req, { params: Promise.resolve(params) });
}

/** The one answer of every path: credentials_unreadable, which secret, why, and the fix; nothing of the secret box. */
async function expectUnreadable(
  res: Response,
  kind: Kind,
  secret: "application_password" | "webhook_secret" = "application_password",
  status = 422,
) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  const { error } = body;
  expect(error.code).toBe("credentials_unreadable");
  if (secret === "application_password") {
    expect(error.message).toContain("WordPress Application Password cannot be decrypted");
    expect(error.fix).toContain("Re-enter the Application Password (Integrations → Edit)");
  } else {
    expect(error.message).toContain("webhook signing secret cannot be decrypted");
    expect(error.fix).toContain("Install webhooks");
  }
  if (kind === "key-less") {
    expect(error.message).toContain('encrypted with key "gone", which is not in ENCRYPTION_KEYS');
    expect(error.fix).toContain('put key "gone" back in ENCRYPTION_KEYS');
  } else {
    expect(error.message).toContain("changed outside IGNY8");
    expect(error.fix).toContain(`put the original key "${getKeyring().primaryId}" back in ENCRYPTION_KEYS`);
  }
  expect(JSON.stringify(body)).not.toMatch(/SecretBoxError|failed authentication|v1\.|whsec_|abcd efgh/);
  return error as { code: string; message: string; fix: string; details?: unknown };
}

async function expectMarked(db: Db, id: string) {
  const [row] = await db.select().from(siteIntegrations).where(eq(siteIntegrations.id, id));
  expect(row).toMatchObject({ connectionStatus: "error", connectionErrorCode: "credentials_unreadable" });
  expect(row.connectionCheckedAt).toBeInstanceOf(Date);
  expect(logged.join("\n")).toMatch(
    /stored (application password|webhook secret) of (site|integration) \S+ cannot be decrypted: SecretBoxError/,
  );
  return row;
}

const paths: Array<[string, (t: Setup) => Promise<Response>]> = [
  ["POST test_connection", (t) => call(testConnection.POST, t.apiKey, { method: "POST", params: { id: t.id } })],
  ["GET content_types", (t) => call(contentTypes.GET, t.apiKey, { params: { id: t.id } })],
  [
    "POST test_collection_connection",
    (t) =>
      call(testCollection.POST, t.apiKey, { method: "POST", params: { id: t.id }, body: { content_type: "post" } }),
  ],
  ["POST update_structure", (t) => call(updateStructure.POST, t.apiKey, { method: "POST", params: { id: t.id } })],
  ["GET webhooks", (t) => call(webhooks.GET, t.apiKey, { params: { id: t.id } })],
  ["POST webhooks", (t) => call(webhooks.POST, t.apiKey, { method: "POST", params: { id: t.id } })],
  ["POST content/{id}/publish", (t) => call(publish.POST, t.apiKey, { method: "POST", params: { id: t.itemId } })],
  [
    "POST sync_events/{id}/retry",
    (t) => call(retry.POST, t.apiKey, { method: "POST", params: { id: t.id, event_id: t.eventId } }),
  ],
];

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
