import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accountAiSettings } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { testAiKey } from "./ai-keys";
import { getAiSettings, updateAiSettings } from "./ai-settings";
import { generateImage, generateText } from "./ai-generate";
import { apiError, fakes, keys, noRetries, output, setUpProviderFakes } from "./ai-settings.fixtures";

// Key tests and tampering; storing keys, roles, defaults and key resolution are in ai-settings.test.ts.
setUpProviderFakes();

describe("key tests", () => {
  it("tests a candidate key without storing anything", async () => {
    const { db, auth } = await createTestTenant("candidate");
    const good = await testAiKey(db, auth, { provider: "openai", api_key: keys.openai }, noRetries);
    expect(good).toMatchObject({
      ok: true,
      tested: "candidate",
      models_available: ["dall-e-3", "gpt-4o", "gpt-4o-mini"],
    });
    const bad = await testAiKey(db, auth, { provider: "openai", api_key: "sk-wrong-key-000000" }, noRetries);
    expect(bad).toMatchObject({ ok: false, code: "auth_failed" });
    expect(bad.message).not.toContain("sk-wrong-key-000000"); // the fake's 401 body echoes it
    expect(fakes.openai.requests.at(-1)?.headers.authorization).toBe("Bearer sk-wrong-key-000000");
    expect((await getAiSettings(db, auth)).providers.openai.has_key).toBe(false);
  });

  it("tests the stored key and records status and time on its row", async () => {
    const { db, auth } = await createTestTenant("stored");
    await updateAiSettings(db, auth, {
      scope: "account",
      keys: { runware: keys.runware, anthropic: "sk-ant-revoked-key-99" },
    });
    const ok = await testAiKey(db, auth, { provider: "runware" }, noRetries);
    expect(ok).toMatchObject({ ok: true, tested: "account" });
    expect(fakes.runware.requests[0].body).toEqual([
      expect.objectContaining({ taskType: "authentication", apiKey: keys.runware }),
    ]);
    const failed = await testAiKey(db, auth, { provider: "anthropic" }, noRetries);
    expect(failed).toMatchObject({ ok: false, code: "auth_failed", tested: "account" });
    const view = await getAiSettings(db, auth);
    expect(view.providers.runware).toMatchObject({ status: "ok", last_tested_at: ok.tested_at });
    expect(view.providers.anthropic).toMatchObject({ status: "failed", last_tested_at: failed.tested_at });
    // Saving a new key makes it untested again.
    const resaved = await updateAiSettings(db, auth, { scope: "account", keys: { runware: "rw-another-key-7777" } });
    expect(resaved.providers.runware).toMatchObject({ status: "untested", last_tested_at: null, key_last4: "7777" });
  });

  it("reports rate limits with the provider's retry-after", async () => {
    const { db, auth } = await createTestTenant("limited");
    fakes.bria.mode = "rate_limited";
    const result = await testAiKey(db, auth, { provider: "bria", api_key: keys.bria }, noRetries);
    expect(result).toMatchObject({ ok: false, code: "rate_limited", retry_after_seconds: 30 });
  });

  it("says when there is no stored key to test", async () => {
    const { db, auth } = await createTestTenant("empty");
    expect(await apiError(testAiKey(db, auth, { provider: "bria" }, noRetries))).toMatchObject({
      code: "no_api_key",
      status: 422,
    });
  });
});

describe("tampering", () => {
  it("refuses a modified ciphertext and calls no provider", async () => {
    const { db, auth } = await createTestTenant("tamper");
    await updateAiSettings(db, auth, { scope: "account", keys: { openai: keys.openai } });
    const [row] = await db.select().from(accountAiSettings).where(eq(accountAiSettings.accountId, auth.accountId));
    const ciphertext = row.openaiApiKey!;
    const flipped = ciphertext.slice(0, -2) + (ciphertext.at(-2) === "A" ? "B" : "A") + ciphertext.at(-1);
    await db
      .update(accountAiSettings)
      .set({ openaiApiKey: flipped })
      .where(eq(accountAiSettings.accountId, auth.accountId));

    const error = await apiError(generateText(db, auth.accountId, { prompt: "x", model: "gpt-4o" }, noRetries));
    expect(error).toMatchObject({ code: "key_unreadable", status: 500 });
    expect(error.fix).toMatch(/Save the OpenAI key again/);
    expect(await apiError(testAiKey(db, auth, { provider: "openai" }, noRetries))).toMatchObject({
      code: "key_unreadable",
    });
    expect(fakes.openai.requests).toHaveLength(0);
    expect(output.join("\n")).toMatch(/stored openai key \(account level of account .*\) cannot be decrypted/);
  });

  it("refuses a ciphertext copied from another account's row", async () => {
    const a = await createTestTenant("victim");
    const b = await createTestTenant("copier");
    await updateAiSettings(a.db, a.auth, { scope: "account", keys: { bria: keys.bria } });
    await updateAiSettings(b.db, b.auth, { scope: "account", keys: { bria: "bria-own-cheap-key-0000" } });
    const [victim] = await a.db
      .select()
      .from(accountAiSettings)
      .where(eq(accountAiSettings.accountId, a.auth.accountId));
    await b.db
      .update(accountAiSettings)
      .set({ briaApiKey: victim.briaApiKey })
      .where(eq(accountAiSettings.accountId, b.auth.accountId));

    const error = await apiError(generateImage(b.db, b.auth.accountId, { prompt: "x", model: "bria-2.3" }, noRetries));
    expect(error.code).toBe("key_unreadable");
    expect(fakes.bria.requests).toHaveLength(0);
  });
});
