import type { AiProviderId, ImageProviderId } from "./types";

/**
 * Pure helpers for AI settings: where each key lives, the secret-box context that binds its
 * ciphertext to its row, and the resolution order account override -> global -> none.
 * Encryption and decryption are done by the caller with lib/server/secret-box.
 */

export type SettingsScope = { scope: "global" } | { scope: "account"; accountId: string };
export type KeySource = "account" | "global" | "none";

/** Property names (Drizzle, camelCase) of one provider's key columns, in both settings tables. */
export function keyColumns<P extends AiProviderId>(provider: P) {
  return {
    apiKey: `${provider}ApiKey`,
    keyLast4: `${provider}KeyLast4`,
    status: `${provider}Status`,
    lastTestedAt: `${provider}LastTestedAt`,
  } as const satisfies Record<string, `${P}${string}`>;
}

/** Secret-box context of a stored key: a ciphertext copied to another row, column or account fails to open. */
export function keySecretContext(provider: AiProviderId, where: SettingsScope) {
  return where.scope === "global"
    ? { table: "global_integration_settings", column: `${provider}_api_key`, rowId: "1", accountId: null }
    : {
        table: "account_ai_settings",
        column: `${provider}_api_key`,
        rowId: where.accountId,
        accountId: where.accountId,
      };
}

/** One settings row after decryption: plaintext keys (or null) and the defaults. */
export interface DecryptedAiSettings {
  keys: Partial<Record<AiProviderId, string | null>>;
  defaultTextModel?: string | null;
  defaultImageModel?: string | null;
  defaultImageProvider?: ImageProviderId | null;
}

export interface ResolutionInput {
  /** The account's own settings, when it has a row. */
  account?: DecryptedAiSettings | null;
  /** The platform's settings. */
  global?: DecryptedAiSettings | null;
}

export type ResolvedKey = { apiKey: string; source: "account" | "global" } | { apiKey: null; source: "none" };
export type Resolved<T> = { value: T; source: "account" | "global" } | { value: null; source: "none" };

function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The key to call `provider` with: the account's own key, else the platform's, else none. */
export function resolveApiKey(provider: AiProviderId, input: ResolutionInput): ResolvedKey {
  const own = input.account?.keys[provider];
  if (present(own)) return { apiKey: own, source: "account" };
  const platform = input.global?.keys[provider];
  if (present(platform)) return { apiKey: platform, source: "global" };
  return { apiKey: null, source: "none" };
}

function resolveValue<T extends string>(account: T | null | undefined, global: T | null | undefined): Resolved<T> {
  if (present(account)) return { value: account, source: "account" };
  if (present(global)) return { value: global, source: "global" };
  return { value: null, source: "none" };
}

/** The default models and image provider in force for an account, each with where it came from. */
export function resolveDefaults(input: ResolutionInput) {
  return {
    textModel: resolveValue(input.account?.defaultTextModel, input.global?.defaultTextModel),
    imageModel: resolveValue(input.account?.defaultImageModel, input.global?.defaultImageModel),
    imageProvider: resolveValue(input.account?.defaultImageProvider, input.global?.defaultImageProvider),
  };
}

/** What the settings page shows per provider: whether a key is in force and whose it is (never the key). */
export function describeKeySources(input: ResolutionInput): Record<AiProviderId, KeySource> {
  const providers: AiProviderId[] = ["openai", "anthropic", "runware", "bria"];
  return Object.fromEntries(providers.map((p) => [p, resolveApiKey(p, input).source])) as Record<
    AiProviderId,
    KeySource
  >;
}
