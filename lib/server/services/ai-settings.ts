import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountAiSettings, globalIntegrationSettings, type AccountAiSettings, type GlobalIntegrationSettings } from "@/db/tables";
import { getModel } from "@/lib/ai/registry";
import { getProvider, type ProviderOptions } from "@/lib/ai/providers";
import { keyColumns, keySecretContext, resolveDefaults, type DecryptedAiSettings, type SettingsScope } from "@/lib/ai/settings";
import { aiProviders, type AiProviderId, type ImageProviderId } from "@/lib/ai/types";
import { isAiError } from "@/lib/ai/errors";
import {
  aiSettingsSchema,
  keyTestResultSchema,
  type AiSettingsDto,
  type KeyStateDto,
  type KeyTestResultDto,
  type TestAiKeyBody,
  type UpdateAiSettingsBody,
} from "@/lib/schemas/ai";
import { ApiError } from "../api/errors";
import { logError } from "../log";
import { decryptSecret, encryptSecret, lastFour } from "../secret-box";
import type { AuthContext } from "../session";
import { providerName } from "./ai-errors";

/**
 * AI settings at two levels: the platform's single row (system admins) and an account's own row
 * (its owner), each field of which overrides the platform's for that account. Keys are stored
 * encrypted and never leave: responses carry whether a key is set, its last 4 characters and the
 * result of its last test.
 */

type SettingsRow = GlobalIntegrationSettings | AccountAiSettings;
type Level = "account" | "global";
export type AiSettingsRows = { global?: GlobalIntegrationSettings; account?: AccountAiSettings };

export async function loadAiSettingsRows(db: Db, accountId: string): Promise<AiSettingsRows> {
  const [[global], [account]] = await Promise.all([
    db.select().from(globalIntegrationSettings).where(eq(globalIntegrationSettings.id, 1)),
    db.select().from(accountAiSettings).where(eq(accountAiSettings.accountId, accountId)),
  ]);
  return { global, account };
}

const scopeOf = (level: Level, accountId: string): SettingsScope =>
  level === "global" ? { scope: "global" } : { scope: "account", accountId };

function keyState(row: SettingsRow | undefined, provider: AiProviderId): KeyStateDto {
  const c = keyColumns(provider);
  const hasKey = !!row?.[c.apiKey];
  return {
    has_key: hasKey,
    key_last4: hasKey ? (row?.[c.keyLast4] ?? null) : null,
    status: hasKey ? (row?.[c.status] ?? "untested") : null,
    last_tested_at: hasKey ? (row?.[c.lastTestedAt]?.toISOString() ?? null) : null,
  };
}

/** Defaults only (no key is decrypted to describe settings). */
function defaultsOf(row: SettingsRow | undefined): DecryptedAiSettings {
  return {
    keys: {},
    defaultTextModel: row?.defaultTextModel ?? null,
    defaultImageModel: row?.defaultImageModel ?? null,
    defaultImageProvider: row?.defaultImageProvider ?? null,
  };
}

const levelDefaults = (row: SettingsRow | undefined) => ({
  default_text_model: row?.defaultTextModel ?? null,
  default_image_model: row?.defaultImageModel ?? null,
  default_image_provider: row?.defaultImageProvider ?? null,
});

export const canEditGlobalAi = (auth: AuthContext) => auth.isSystemAdmin;
export const canEditAccountAi = (auth: AuthContext) => auth.role === "owner";

/** What GET /api/v1/settings/ai/ answers: the key and defaults in force, and where each comes from. */
export function toAiSettingsDto(rows: AiSettingsRows, auth: AuthContext): AiSettingsDto {
  const providers = Object.fromEntries(
    aiProviders.map((provider) => {
      const account = keyState(rows.account, provider);
      const global = keyState(rows.global, provider);
      const source = account.has_key ? "account" : global.has_key ? "global" : "none";
      const inForce = source === "account" ? account : global;
      return [provider, { ...inForce, source, account, global }];
    }),
  );
  const resolved = resolveDefaults({ account: defaultsOf(rows.account), global: defaultsOf(rows.global) });
  return aiSettingsSchema.parse({
    providers,
    defaults: { text_model: resolved.textModel, image_model: resolved.imageModel, image_provider: resolved.imageProvider },
    account_defaults: levelDefaults(rows.account),
    global_defaults: levelDefaults(rows.global),
    permissions: { edit_account: canEditAccountAi(auth), edit_global: canEditGlobalAi(auth) },
  });
}

export async function getAiSettings(db: Db, auth: AuthContext): Promise<AiSettingsDto> {
  return toAiSettingsDto(await loadAiSettingsRows(db, auth.accountId), auth);
}

/** A default must name an active model of the right type; the error names the field. */
async function checkDefaultModel(db: Db, field: string, modelId: string, type: "text" | "image") {
  try {
    const model = await getModel(db, modelId);
    if (model.type !== type) throw fieldError(field, `${modelId} is ${model.type === "image" ? "an image" : "a text"} model; pick ${type === "image" ? "an image" : "a text"} model`);
    return model;
  } catch (error) {
    if (isAiError(error) && error.code === "unknown_model") {
      throw fieldError(field, `${modelId} is not an active model (GET /api/v1/ai/models/?type=${type} lists them)`);
    }
    throw error;
  }
}

function fieldError(field: string, message: string) {
  return new ApiError("validation_error", `${field}: ${message}`, { details: [{ field, message }] });
}

type DefaultField = "default_text_model" | "default_image_model" | "default_image_provider";
const defaultFields: DefaultField[] = ["default_text_model", "default_image_model", "default_image_provider"];

/** What one PUT changes at one level; each default with the field name its errors name. */
type LevelUpdate = {
  keys: Partial<Record<AiProviderId, string>>;
  defaults: Partial<Record<DefaultField, { value: string | null; field: string }>>;
};

/**
 * The changes per level: `scope` with its keys and default_* fields as sent, and
 * `account_defaults` / `global_defaults` (a GET answer's) where they differ from what is stored.
 */
function levelUpdates(body: UpdateAiSettingsBody, rows: AiSettingsRows): Map<Level, LevelUpdate> {
  const updates = new Map<Level, LevelUpdate>();
  const updateOf = (level: Level) => updates.get(level) ?? updates.set(level, { keys: {}, defaults: {} }).get(level)!;
  if (body.scope) {
    const update = updateOf(body.scope);
    Object.assign(update.keys, body.keys);
    for (const field of defaultFields) {
      const value = body[field];
      if (value !== undefined) update.defaults[field] = { value, field };
    }
  }
  for (const level of ["account", "global"] as const) {
    const sent = body[`${level}_defaults`];
    if (!sent) continue;
    const stored = levelDefaults(rows[level]);
    for (const field of defaultFields) {
      const value = sent[field];
      const name = `${level}_defaults.${field}`;
      const flat = body.scope === level ? body[field] : undefined;
      if (value === undefined) continue;
      if (flat !== undefined && flat !== value) throw fieldError(name, `differs from ${field}; send one of them`);
      if (flat === undefined && value !== stored[field]) updateOf(level).defaults[field] = { value, field: name };
    }
  }
  for (const [level, update] of updates) {
    if (!Object.keys(update.keys).length && !Object.keys(update.defaults).length) updates.delete(level);
  }
  return updates;
}

/** The columns one level's update sets, after checking its defaults against the registry. */
async function levelChanges(db: Db, level: Level, update: LevelUpdate, current: SettingsRow | undefined, accountId: string) {
  const { default_text_model: text, default_image_model: image, default_image_provider: provider } = update.defaults;
  const changes: Record<string, unknown> = {};
  if (text) {
    if (text.value) await checkDefaultModel(db, text.field, text.value, "text");
    changes.defaultTextModel = text.value;
  }
  if (image) {
    if (image.value) await checkDefaultModel(db, image.field, image.value, "image");
    changes.defaultImageModel = image.value;
  }
  if (provider) changes.defaultImageProvider = provider.value;

  // The default image model and provider of one level must agree.
  const imageModel = image ? image.value : current?.defaultImageModel;
  const imageProvider = (provider ? provider.value : current?.defaultImageProvider) as ImageProviderId | null | undefined;
  if (imageModel && imageProvider) {
    const model = await getModel(db, imageModel, { includeInactive: true });
    if (model.provider !== imageProvider) {
      const field = image ? image.field : provider!.field;
      throw fieldError(field, `${imageModel} is ${/^[AEIOU]/.test(providerName(model.provider)) ? "an" : "a"} ${providerName(model.provider)} model but the default image provider is ${providerName(imageProvider)}; send both together`);
    }
  }

  const scope = scopeOf(level, accountId);
  for (const provider of aiProviders) {
    const key = update.keys[provider];
    if (key === undefined) continue;
    const c = keyColumns(provider);
    changes[c.apiKey] = key ? encryptSecret(key, keySecretContext(provider, scope)) : null;
    changes[c.keyLast4] = key ? lastFour(key) : null;
    changes[c.status] = key ? "untested" : null;
    changes[c.lastTestedAt] = null;
  }
  changes.updatedAt = new Date();
  return changes;
}

/**
 * PUT /api/v1/settings/ai/: keys are write-only; defaults are checked against the registry. A
 * level that nothing changes needs no permission, so a GET answer sent back unchanged succeeds.
 */
export async function updateAiSettings(db: Db, auth: AuthContext, body: UpdateAiSettingsBody): Promise<AiSettingsDto> {
  const rows = await loadAiSettingsRows(db, auth.accountId);
  const updates = levelUpdates(body, rows);
  if (updates.has("global") && !canEditGlobalAi(auth)) {
    throw new ApiError("forbidden", "Only a system admin can change the platform's AI settings.", {
      fix: 'Send scope "account" to set your account\'s own keys and defaults.',
    });
  }
  if (updates.has("account") && !canEditAccountAi(auth)) {
    throw new ApiError("forbidden", "Only the account owner can change the account's AI settings.");
  }
  const changes = new Map<Level, Record<string, unknown>>();
  for (const [level, update] of updates) changes.set(level, await levelChanges(db, level, update, rows[level], auth.accountId));

  if (!changes.size) return toAiSettingsDto(rows, auth);
  await db.transaction(async (tx) => {
    const global = changes.get("global");
    if (global) {
      await tx.insert(globalIntegrationSettings).values({ id: 1, ...global }).onConflictDoUpdate({ target: globalIntegrationSettings.id, set: global });
    }
    const account = changes.get("account");
    if (account) {
      await tx
        .insert(accountAiSettings)
        .values({ accountId: auth.accountId, ...account })
        .onConflictDoUpdate({ target: accountAiSettings.accountId, set: account });
    }
  });
  return getAiSettings(db, auth);
}

/** Opens a stored key; a ciphertext that fails authentication is reported, never used. */
export function openStoredKey(row: SettingsRow, provider: AiProviderId, level: Level, accountId: string): string | null {
  const ciphertext = row[keyColumns(provider).apiKey];
  if (!ciphertext) return null;
  try {
    return decryptSecret(ciphertext, keySecretContext(provider, scopeOf(level, accountId)));
  } catch (error) {
    logError(`stored ${provider} key (${level} level${level === "account" ? ` of account ${accountId}` : ""}) cannot be decrypted`, error);
    throw new ApiError("key_unreadable", `The stored ${providerName(provider)} key cannot be decrypted: it was changed outside IGNY8, or its encryption key is missing.`, {
      fix: `Save the ${providerName(provider)} key again under Settings → Integrations → AI providers.`,
    });
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
export async function testAiKey(db: Db, auth: AuthContext, body: TestAiKeyBody, options?: ProviderOptions): Promise<KeyTestResultDto> {
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
    await recordTestResult(db, { level, accountId: auth.accountId, provider: body.provider, ciphertext, ok: result.ok, testedAt });
    return toKeyTestDto(result, level, testedAt);
  }
  const where = body.scope === "global" ? "the platform" : body.scope === "account" ? "this account" : "this account or the platform";
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
