import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accountAiSettings, globalIntegrationSettings } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import type { AuthContext } from "../session";
import { getAiSettings, updateAiSettings } from "./ai-settings";
import { generateText } from "./ai-generate";
import {
  admin,
  apiError,
  dumpDatabase,
  fakes,
  keys,
  noRetries,
  platformOpenAiKey,
  setUpPlatformAdmin,
  setUpProviderFakes,
} from "./ai-settings.fixtures";

// Storing keys, roles, defaults and key resolution; key tests and tampering are in ai-settings-keys.test.ts.
setUpProviderFakes();
setUpPlatformAdmin();

describe("AI settings: keys are write-only and encrypted", () => {
  it("stores an account's keys encrypted and answers only whether one is set and its last 4", async () => {
    const { db, auth } = await createTestTenant("owner");
    const view = await updateAiSettings(db, auth, { scope: "account", keys: { openai: keys.openai, bria: keys.bria } });
    expect(view.providers.openai).toMatchObject({
      has_key: true,
      key_last4: "1111",
      status: "untested",
      last_tested_at: null,
      source: "account",
    });
    expect(view.providers.bria).toMatchObject({ has_key: true, key_last4: "4444", source: "account" });
    expect(view.providers.runware).toMatchObject({ has_key: false, key_last4: null, source: "none" });
    expect(JSON.stringify(view)).not.toContain(keys.openai);
    expect(JSON.stringify(await getAiSettings(db, auth))).not.toContain(keys.openai);

    const [row] = await db.select().from(accountAiSettings).where(eq(accountAiSettings.accountId, auth.accountId));
    expect(row.openaiApiKey).toMatch(/^v1\./);
    const dump = await dumpDatabase(db);
    expect(dump).toContain(auth.accountId); // the dump does include the row
    for (const key of Object.values(keys)) expect(dump).not.toContain(key);
  });

  it("removes a key when sent an empty string", async () => {
    const { db, auth } = await createTestTenant("remover");
    await updateAiSettings(db, auth, { scope: "account", keys: { anthropic: keys.anthropic } });
    const view = await updateAiSettings(db, auth, { scope: "account", keys: { anthropic: "" } });
    expect(view.providers.anthropic.account).toEqual({
      has_key: false,
      key_last4: null,
      status: null,
      last_tested_at: null,
    });
    const [row] = await db.select().from(accountAiSettings).where(eq(accountAiSettings.accountId, auth.accountId));
    expect(row.anthropicApiKey).toBeNull();
  });

  it("lets only the owner change the account's settings and only a system admin the platform's", async () => {
    const { db, auth } = await createTestTenant("roles");
    const member: AuthContext = { ...auth, role: "member" };
    const accountAdmin: AuthContext = { ...auth, role: "admin" };
    expect(
      (await apiError(updateAiSettings(db, member, { scope: "account", keys: { openai: keys.openai } }))).status,
    ).toBe(403);
    expect(
      (await apiError(updateAiSettings(db, accountAdmin, { scope: "account", default_text_model: "gpt-4o" }))).status,
    ).toBe(403);
    const denied = await apiError(
      updateAiSettings(db, auth, { scope: "global", keys: { openai: "sk-hijack-the-platform" } }),
    );
    expect(denied).toMatchObject({ status: 403, code: "forbidden" });
    const [global] = await db.select().from(globalIntegrationSettings);
    expect(global.openaiApiKey).toBeNull();
    expect((await getAiSettings(db, member)).permissions).toEqual({ edit_account: false, edit_global: false });
  });

  it("checks that defaults name active models of the right type, naming the field", async () => {
    const { db, auth } = await createTestTenant("defaults");
    const wrongType = await apiError(updateAiSettings(db, auth, { scope: "account", default_text_model: "dall-e-3" }));
    expect(wrongType).toMatchObject({ status: 422, code: "validation_error" });
    expect(wrongType.message).toMatch(/^default_text_model: dall-e-3 is an image model; pick a text model/);
    const unknown = await apiError(
      updateAiSettings(db, auth, { scope: "account", default_image_model: "midjourney-7" }),
    );
    expect(unknown.message).toMatch(/^default_image_model: midjourney-7 is not an active model/);
    const mismatch = await apiError(
      updateAiSettings(db, auth, { scope: "account", default_image_model: "dall-e-3", default_image_provider: "bria" }),
    );
    expect(mismatch.message).toMatch(/^default_image_model: dall-e-3 is an OpenAI model/);

    const view = await updateAiSettings(db, auth, {
      scope: "account",
      default_text_model: "claude-3-haiku",
      default_image_model: "bria-2.3",
      default_image_provider: "bria",
    });
    expect(view.defaults).toEqual({
      text_model: { value: "claude-3-haiku", source: "account" },
      image_model: { value: "bria-2.3", source: "account" },
      image_provider: { value: "bria", source: "account" },
    });
    const cleared = await updateAiSettings(db, auth, { scope: "account", default_text_model: null });
    expect(cleared.defaults.text_model).toEqual({ value: "gpt-4o-mini", source: "global" });
  });
});

describe("key resolution: the account's key, else the platform's", () => {
  it("uses the platform key until the account sets its own, and again once it removes it", async () => {
    await updateAiSettings(admin.db, admin.auth, { scope: "global", keys: { openai: platformOpenAiKey } });
    try {
      const { db, auth } = await createTestTenant("byok");
      expect((await getAiSettings(db, auth)).providers.openai).toMatchObject({ source: "global", key_last4: "5555" });

      fakes.openai.validKey = platformOpenAiKey;
      await generateText(db, auth.accountId, { prompt: "one", model: "gpt-4o-mini" }, noRetries);
      expect(fakes.openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${platformOpenAiKey}`);

      await updateAiSettings(db, auth, { scope: "account", keys: { openai: keys.openai } });
      expect((await getAiSettings(db, auth)).providers.openai).toMatchObject({ source: "account", key_last4: "1111" });
      fakes.openai.validKey = keys.openai;
      await generateText(db, auth.accountId, { prompt: "two", model: "gpt-4o-mini" }, noRetries);
      expect(fakes.openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${keys.openai}`);

      await updateAiSettings(db, auth, { scope: "account", keys: { openai: "" } });
      expect((await getAiSettings(db, auth)).providers.openai.source).toBe("global");
    } finally {
      fakes.openai.validKey = keys.openai;
      await updateAiSettings(admin.db, admin.auth, { scope: "global", keys: { openai: "" } });
    }
  });

  it("says which key is missing and calls no provider", async () => {
    const { db, auth } = await createTestTenant("nokey");
    const error = await apiError(generateText(db, auth.accountId, { prompt: "x", model: "claude-3-haiku" }, noRetries));
    expect(error).toMatchObject({ status: 422, code: "no_api_key" });
    expect(error.fix).toMatch(/Anthropic key/);
    expect(fakes.anthropic.requests).toHaveLength(0);
  });
});
