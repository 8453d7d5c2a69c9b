import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { accountAiSettings, globalIntegrationSettings } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { startAnthropicFake } from "@/test/fakes/anthropic";
import { startBriaFake } from "@/test/fakes/bria";
import { startOpenAiFake } from "@/test/fakes/openai";
import { startRunwareFake } from "@/test/fakes/runware";
import type { FakeServer } from "@/test/fakes/server";
import type { Db } from "@/db/client";
import { ApiError } from "../api/errors";
import type { AuthContext } from "../session";
import { testAiKey } from "./ai-keys";
import { getAiSettings, updateAiSettings } from "./ai-settings";
import { generateImage, generateText } from "./ai-generate";

const keys = {
  openai: "sk-svc-openai-good-1111",
  anthropic: "sk-ant-svc-good-2222",
  runware: "rw-svc-good-3333",
  bria: "bria-svc-good-4444",
};
const platformOpenAiKey = "sk-platform-openai-key-5555";
const noRetries = { maxRetries: 0 };
let fakes: Record<keyof typeof keys, FakeServer>;
let output: string[] = [];

beforeAll(async () => {
  fakes = {
    openai: await startOpenAiFake(keys.openai),
    anthropic: await startAnthropicFake(keys.anthropic),
    runware: await startRunwareFake(keys.runware),
    bria: await startBriaFake(keys.bria),
  };
  process.env.OPENAI_BASE_URL = `${fakes.openai.origin}/v1`;
  process.env.ANTHROPIC_BASE_URL = fakes.anthropic.origin;
  process.env.RUNWARE_BASE_URL = `${fakes.runware.origin}/v1`;
  process.env.BRIA_BASE_URL = `${fakes.bria.origin}/v1`;
});
afterAll(async () => {
  await Promise.all(Object.values(fakes ?? {}).map((f) => f.close()));
});
beforeEach(() => {
  Object.values(fakes).forEach((f) => f.reset());
  // Everything the code under test prints, to prove no key is ever logged.
  output = [];
  for (const stream of ["log", "warn", "error", "info"] as const) {
    vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(" ")));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const key of [...Object.values(keys), platformOpenAiKey]) {
    expect(output.join("\n")).not.toContain(key);
  }
});

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

/** Every row of every table, as text: what a database dump would contain. */
async function dumpDatabase(db: Db): Promise<string> {
  const rowsOf = (result: unknown) =>
    Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
  const tables = rowsOf(
    await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  );
  const parts: string[] = [];
  for (const { table_name } of tables as { table_name: string }[]) {
    const rows = rowsOf(await db.execute(sql.raw(`select row_to_json(t)::text as j from "${table_name}" t`)));
    parts.push(...(rows as { j: string }[]).map((r) => r.j));
  }
  return parts.join("\n");
}

// A platform admin (ADMIN_EMAILS, or the first user of a fresh install).
let admin: Awaited<ReturnType<typeof createTestTenant>>;
beforeAll(async () => {
  admin = await createTestTenant("platform-admin", { isSystemAdmin: true });
  expect(admin.auth.isSystemAdmin).toBe(true);
});

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
