import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accountAiSettings,
  globalIntegrationSettings,
  type AccountAiSettings,
  type GlobalIntegrationSettings,
} from "@/db/tables";
import { getModel } from "@/lib/ai/registry";
import { keyColumns, keySecretContext, resolveDefaults, type DecryptedAiSettings } from "@/lib/ai/settings";
import { aiProviders, type AiProviderId, type ImageProviderId } from "@/lib/ai/types";
import { isAiError } from "@/lib/ai/errors";
import { aiSettingsSchema, type AiSettingsDto, type KeyStateDto, type UpdateAiSettingsBody } from "@/lib/schemas/ai";
import { ApiError } from "../api/errors";
import { encryptSecret, lastFour } from "../secret-box";
import type { AuthContext } from "../session";
import { providerName } from "./ai-errors";
import { loadAiSettingsRows, scopeOf, type AiSettingsRows, type Level, type SettingsRow } from "./ai-keys";

/**
 * AI settings at two levels: the platform's single row (system admins) and an account's own row
 * (its owner), each field of which overrides the platform's for that account. Keys are stored
 * encrypted and never leave: responses carry whether a key is set, its last 4 characters and the
 * result of its last test. Opening and testing stored keys is in ai-keys.ts.
 */

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
    defaults: {
      text_model: resolved.textModel,
      image_model: resolved.imageModel,
      image_provider: resolved.imageProvider,
    },
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
    if (model.type !== type)
      throw fieldError(
        field,
        `${modelId} is ${model.type === "image" ? "an image" : "a text"} model; pick ${type === "image" ? "an image" : "a text"} model`,
      );
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
async function levelChanges(
  db: Db,
  level: Level,
  update: LevelUpdate,
  current: SettingsRow | undefined,
  accountId: string,
) {
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
  const imageProvider = (provider ? provider.value : current?.defaultImageProvider) as
    ImageProviderId | null | undefined;
  if (imageModel && imageProvider) {
    const model = await getModel(db, imageModel, { includeInactive: true });
    if (model.provider !== imageProvider) {
      const field = image ? image.field : provider!.field;
      throw fieldError(
        field,
        `${imageModel} is ${/^[AEIOU]/.test(providerName(model.provider)) ? "an" : "a"} ${providerName(model.provider)} model but the default image provider is ${providerName(imageProvider)}; send both together`,
      );
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
  for (const [level, update] of updates)
    changes.set(level, await levelChanges(db, level, update, rows[level], auth.accountId));

  if (!changes.size) return toAiSettingsDto(rows, auth);
  await db.transaction(async (tx) => {
    const global = changes.get("global");
    if (global) {
      await tx
        .insert(globalIntegrationSettings)
        .values({ id: 1, ...global })
        .onConflictDoUpdate({ target: globalIntegrationSettings.id, set: global });
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
