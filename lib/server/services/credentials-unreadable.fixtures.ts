import { expect, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { siteIntegrations, sites, syncEvents } from "@/db/tables";
import { encryptSecret, getKeyring, type SecretContext } from "@/lib/server/secret-box";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { createApprovedContent, deadPort } from "@/test/support/publishing";
import * as testConnection from "@/app/api/v1/integration/[id]/test_connection/route";
import * as contentTypes from "@/app/api/v1/integration/[id]/content_types/route";
import * as testCollection from "@/app/api/v1/integration/[id]/test_collection_connection/route";
import * as updateStructure from "@/app/api/v1/integration/[id]/update_structure/route";
import * as webhooks from "@/app/api/v1/integration/[id]/webhooks/route";
import * as publish from "@/app/api/v1/content/[id]/publish/route";
import * as retry from "@/app/api/v1/integration/[id]/sync_events/[event_id]/retry/route";
import { generateWebhookSecret, sealWebhookSecret } from "./webhooks/secrets";

/** Shared setup of credentials-unreadable-*.test.ts: secrets made unreadable, and what every path must answer. */

/** Everything written to the console: the SecretBoxError goes to the log, never into a response. */
const logged: string[] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  logged.push(args.map(String).join(" "));
});

const PASSWORD = "abcd efgh ijkl mnop qrst uvwx";
/** A keyring holding only a key that the app's ENCRYPTION_KEYS does not have. */
const gone = { primaryId: "gone", keys: new Map([["gone", Buffer.alloc(32, 5)]]) };

export type Kind = "tampered" | "key-less";
export const kinds: Kind[] = ["tampered", "key-less"];

/** The stored value made unreadable: one character of its ciphertext flipped, or sealed with a key not in the keyring. */
export function unreadable(kind: Kind, stored: string, plaintext: string, ctx: SecretContext) {
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
export async function setup(
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
export type Setup = Awaited<ReturnType<typeof setup>>;

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export function call(
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
export async function expectUnreadable(
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

export async function expectMarked(db: Db, id: string) {
  const [row] = await db.select().from(siteIntegrations).where(eq(siteIntegrations.id, id));
  expect(row).toMatchObject({ connectionStatus: "error", connectionErrorCode: "credentials_unreadable" });
  expect(row.connectionCheckedAt).toBeInstanceOf(Date);
  expect(logged.join("\n")).toMatch(
    /stored (application password|webhook secret) of (site|integration) \S+ cannot be decrypted: SecretBoxError/,
  );
  return row;
}

export const paths: Array<[string, (t: Setup) => Promise<Response>]> = [
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
