import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accountAiSettings,
  globalIntegrationSettings,
  type AccountAiSettings,
  type GlobalIntegrationSettings,
} from "@/db/tables";
import { getProvider, type ProviderOptions } from "@/lib/ai/providers";
import { keyColumns, keySecretContext, type SettingsScope } from "@/lib/ai/settings";
import type { AiProviderId } from "@/lib/ai/types";
import { keyTestResultSchema, type KeyTestResultDto, type TestAiKeyBody } from "@/lib/schemas/ai";
import { ApiError } from "../api/errors";
import { logError } from "../log";
import { decryptSecret } from "../secret-box";
import type { AuthContext } from "../session";
import { providerName } from "./ai-errors";

/**
 * The stored AI keys: reading both levels' rows, opening a key (an unreadable one is reported,
 * never used), choosing the key a call uses, and testing a candidate or a stored key.
 */

export type SettingsRow = GlobalIntegrationSettings | AccountAiSettings;
export type Level = "account" | "global";
export type AiSettingsRows = { global?: GlobalIntegrationSettings; account?: AccountAiSettings };

export async function loadAiSettingsRows(db: Db, accountId: string): Promise<AiSettingsRows> {
  const [[global], [account]] = await Promise.all([
    db.select().from(globalIntegrationSettings).where(eq(globalIntegrationSettings.id, 1)),
    db.select().from(accountAiSettings).where(eq(accountAiSettings.accountId, accountId)),
  ]);
  return { global, account };
}

export const scopeOf = (level: Level, accountId: string): SettingsScope =>
  level === "global" ? { scope: "global" } : { scope: "account", accountId };

/** Opens a stored key; a ciphertext that fails authentication is reported, never used. */
export function openStoredKey(
  row: SettingsRow,
  provider: AiProviderId,
  level: Level,
  accountId: string,
): string | null {
  const ciphertext = row[keyColumns(provider).apiKey];
  if (!ciphertext) return null;
  try {
    return decryptSecret(ciphertext, keySecretContext(provider, scopeOf(level, accountId)));
  } catch (error) {
    logError(
      `stored ${provider} key (${level} level${level === "account" ? ` of account ${accountId}` : ""}) cannot be decrypted`,
      error,
    );
    throw new ApiError(
      "key_unreadable",
      `The stored ${providerName(provider)} key cannot be decrypted: it was changed outside IGNY8, or its encryption key is missing.`,
      {
        fix: `Save the ${providerName(provider)} key again under Settings → Integrations → AI providers.`,
      },
    );
  }
}

export type ResolvedAiKey = { apiKey: string; source: Level };

/** The key to call `provider` with for an account: its own, else the platform's. Throws `no_api_key`. */
export function requireApiKey(rows: AiSettingsRows, provider: AiProviderId, accountId: string): ResolvedAiKey {
  for (const level of ["account", "global"] as const) {
    const row = rows[level];
    if (!row) continue;
    const apiKey = openStoredKey(row, provider, level, accountId);
    if (apiKey) return { apiKey, source: level };
  }
  throw new ApiError("no_api_key", `No ${providerName(provider)} key is set for this account or the platform.`, {
    fix: `Add a ${providerName(provider)} key under Settings → Integrations → AI providers.`,
  });
}

/** POST /api/v1/settings/ai/test/: tests a candidate key, or a stored one and records the result on its row. */
export async function testAiKey(
  db: Db,
  auth: AuthContext,
  body: TestAiKeyBody,
  options?: ProviderOptions,
): Promise<KeyTestResultDto> {
  const provider = getProvider(body.provider, options);
  if (body.api_key) {
    const result = await provider.testKey(body.api_key);
    return toKeyTestDto(result, "candidate", new Date());
  }
  const rows = await loadAiSettingsRows(db, auth.accountId);
  const levels: Level[] = body.scope ? [body.scope] : ["account", "global"];
  for (const level of levels) {
    const row = rows[level];
    if (!row) continue;
    const ciphertext = row[keyColumns(body.provider).apiKey];
    const apiKey = openStoredKey(row, body.provider, level, auth.accountId);
    if (!apiKey || !ciphertext) continue;
    const result = await provider.testKey(apiKey);
    const testedAt = new Date();
    await recordTestResult(db, {
      level,
      accountId: auth.accountId,
      provider: body.provider,
      ciphertext,
      ok: result.ok,
      testedAt,
    });
    return toKeyTestDto(result, level, testedAt);
  }
  const where =
    body.scope === "global"
      ? "the platform"
      : body.scope === "account"
        ? "this account"
        : "this account or the platform";
  throw new ApiError("no_api_key", `No ${providerName(body.provider)} key is stored for ${where}.`, {
    fix: "Send api_key to test a key before saving it, or save one first.",
  });
}

async function recordTestResult(
  db: Db,
  p: { level: Level; accountId: string; provider: AiProviderId; ciphertext: string; ok: boolean; testedAt: Date },
) {
  const c = keyColumns(p.provider);
  const set = { [c.status]: p.ok ? "ok" : "failed", [c.lastTestedAt]: p.testedAt };
  // Only if the key was not replaced while it was being tested.
  if (p.level === "global") {
    await db
      .update(globalIntegrationSettings)
      .set(set)
      .where(and(eq(globalIntegrationSettings.id, 1), eq(globalIntegrationSettings[c.apiKey], p.ciphertext)));
  } else {
    await db
      .update(accountAiSettings)
      .set(set)
      .where(and(eq(accountAiSettings.accountId, p.accountId), eq(accountAiSettings[c.apiKey], p.ciphertext)));
  }
}

function toKeyTestDto(
  result: Awaited<ReturnType<ReturnType<typeof getProvider>["testKey"]>>,
  tested: KeyTestResultDto["tested"],
  testedAt: Date,
): KeyTestResultDto {
  return keyTestResultSchema.parse({
    ok: result.ok,
    ...(result.code ? { code: result.code } : {}),
    message: result.message,
    ...(result.modelsAvailable ? { models_available: result.modelsAvailable } : {}),
    ...(result.retryAfterSeconds !== undefined ? { retry_after_seconds: result.retryAfterSeconds } : {}),
    tested,
    tested_at: testedAt.toISOString(),
  });
}
