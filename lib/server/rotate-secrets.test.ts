import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { siteIntegrations, sites } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { decryptSecret, encryptSecret, generateKeyringEntry, parseKeyring } from "./secret-box";
import { rotateSecrets } from "./rotate-secrets";

describe("secrets:rotate", () => {
  it("re-encrypts stored secrets with the new primary key; they still open", async () => {
    const { db, auth } = await createTestTenant("rotate");
    const oldEntry = generateKeyringEntry("old");
    const oldRing = parseKeyring(oldEntry);
    const id = crypto.randomUUID();
    const ctx = { table: "sites", column: "wp_api_key", rowId: id, accountId: auth.accountId };
    await db.insert(sites).values({
      id,
      accountId: auth.accountId,
      name: "r",
      url: "https://r.example.com",
      wpApiKey: encryptSecret("app pass word", ctx, oldRing),
    });

    const newRing = parseKeyring(`${generateKeyringEntry("new")},${oldEntry}`);
    expect(await rotateSecrets(await getDbHandle(), newRing, { accountId: auth.accountId })).toBe(1);
    const [row] = await db.select().from(sites).where(eq(sites.id, id));
    expect(row.wpApiKey).toMatch(/^v1\.new\./);
    expect(
      decryptSecret(
        row.wpApiKey!,
        ctx,
        parseKeyring(newRing.primaryId + ":" + newRing.keys.get("new")!.toString("base64")),
      ),
    ).toBe("app pass word");
    expect(await rotateSecrets(await getDbHandle(), newRing, { accountId: auth.accountId })).toBe(0);
  });

  it("re-encrypts an integration's sealed credentials (credentials_json) and keeps the rest of the JSON", async () => {
    const { db, auth } = await createTestTenant("rotate-json");
    const oldEntry = generateKeyringEntry("old");
    const siteId = crypto.randomUUID();
    await db.insert(sites).values({ id: siteId, accountId: auth.accountId, name: "g", url: "https://g.example.com" });
    const id = crypto.randomUUID();
    const ctx = { table: "site_integrations", column: "credentials_json", rowId: id, accountId: auth.accountId };
    const sealed = encryptSecret(JSON.stringify({ admin_api_key: "k" }), ctx, parseKeyring(oldEntry));
    await db.insert(siteIntegrations).values({
      id,
      accountId: auth.accountId,
      siteId,
      platform: "ghost",
      externalSiteUrl: "https://g.example.com",
      credentialsJson: { sealed, last4: { admin_api_key: "k" } },
    });

    const newRing = parseKeyring(`${generateKeyringEntry("new")},${oldEntry}`);
    expect(await rotateSecrets(await getDbHandle(), newRing, { accountId: auth.accountId })).toBe(1);
    const [row] = await db.select().from(siteIntegrations).where(eq(siteIntegrations.id, id));
    const stored = row.credentialsJson as { sealed: string; last4: Record<string, string> };
    expect(stored.sealed).toMatch(/^v1\.new\./);
    expect(stored.last4).toEqual({ admin_api_key: "k" });
    expect(JSON.parse(decryptSecret(stored.sealed, ctx, newRing))).toEqual({ admin_api_key: "k" });
  });

  it("stops at a secret whose key is gone, saying which row and column and how to repair it", async () => {
    const { db, auth } = await createTestTenant("rotate-gone");
    const id = crypto.randomUUID();
    const ctx = { table: "sites", column: "wp_api_key", rowId: id, accountId: auth.accountId };
    const value = encryptSecret("app pass word", ctx, parseKeyring(generateKeyringEntry("gone")));
    await db
      .insert(sites)
      .values({ id, accountId: auth.accountId, name: "r", url: "https://r.example.com", wpApiKey: value });

    const ring = parseKeyring(generateKeyringEntry("new"));
    await expect(rotateSecrets(await getDbHandle(), ring, { accountId: auth.accountId })).rejects.toThrow(
      `sites.wp_api_key of row ${id} cannot be decrypted, so it was not re-encrypted: Secret was encrypted with key "gone", which is not in ENCRYPTION_KEYS. ` +
        "Put its key back in ENCRYPTION_KEYS, or re-enter the site's Application Password (Integrations → Edit), then run secrets:rotate again",
    );
    const [row] = await db.select().from(sites).where(eq(sites.id, id));
    expect(row.wpApiKey).toBe(value);
  });
});
