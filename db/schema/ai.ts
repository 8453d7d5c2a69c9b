import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { aiModelTypes, aiProviders, imageProviders, type ImagePrices } from "../../lib/ai/types";
import { accounts } from "./accounts";

export const aiProvider = pgEnum("ai_provider", aiProviders);
export const aiImageProvider = pgEnum("ai_image_provider", imageProviders);
export const aiModelType = pgEnum("ai_model_type", aiModelTypes);
/** Result of the last key test: `untested` until someone presses Test (or saves a new key). */
export const aiKeyStatus = pgEnum("ai_key_status", ["untested", "ok", "failed"]);

/** USD amounts: exact decimals, 12 places (per-token rates reach 1e-9). */
const usd = (name: string) => numeric(name, { precision: 20, scale: 12 });
const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Key columns of one provider. `*_api_key` holds the secret-box ciphertext, never the key;
 * `*_key_last4` is what the UI may show.
 */
function providerKeyColumns<P extends string>(p: P) {
  return {
    [`${p}ApiKey`]: text(`${p}_api_key`),
    [`${p}KeyLast4`]: text(`${p}_key_last4`),
    [`${p}Status`]: aiKeyStatus(`${p}_status`),
    [`${p}LastTestedAt`]: tz(`${p}_last_tested_at`),
  } as {
    [K in `${P}ApiKey` | `${P}KeyLast4`]: ReturnType<typeof text>;
  } & {
    [K in `${P}Status`]: ReturnType<typeof aiKeyStatus>;
  } & {
    [K in `${P}LastTestedAt`]: ReturnType<typeof tz>;
  };
}

function aiSettingsColumns() {
  return {
    ...providerKeyColumns("openai"),
    ...providerKeyColumns("anthropic"),
    ...providerKeyColumns("runware"),
    ...providerKeyColumns("bria"),
    defaultTextModel: text("default_text_model"),
    defaultImageModel: text("default_image_model"),
    defaultImageProvider: aiImageProvider("default_image_provider"),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  };
}

/** The platform's AI keys and defaults: exactly one row (id = 1), changed by system admins only. */
export const globalIntegrationSettings = pgTable(
  "global_integration_settings",
  {
    id: integer("id").primaryKey().default(1),
    ...aiSettingsColumns(),
  },
  (t) => [check("global_integration_settings_single_row", sql`${t.id} = 1`)],
);

/** An account's own keys and defaults ("bring your own key"); each set field overrides the global one. */
export const accountAiSettings = pgTable("account_ai_settings", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  ...aiSettingsColumns(),
});

/** The Model Registry: every model we can call and what it costs. */
export const aiModelConfigs = pgTable(
  "ai_model_configs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Our id, stable across provider renames: "gpt-4o-mini", "bria-2.3". */
    modelId: text("model_id").notNull().unique(),
    provider: aiProvider("provider").notNull(),
    type: aiModelType("type").notNull(),
    displayName: text("display_name").notNull(),
    /** What the provider's API calls it: "claude-3-5-sonnet-20241022", "runware:100@1", "base/2.3". */
    providerModelId: text("provider_model_id").notNull(),
    contextWindow: integer("context_window"),
    maxOutputTokens: integer("max_output_tokens"),
    inputUsdPerToken: usd("input_usd_per_token"),
    outputUsdPerToken: usd("output_usd_per_token"),
    /** Cache-read rate; null when the provider has none (cached tokens then cost the input rate). */
    cachedInputUsdPerToken: usd("cached_input_usd_per_token"),
    imagePrices: jsonb("image_prices").$type<ImagePrices>(),
    isActive: boolean("is_active").notNull().default(true),
    /** Where the price comes from (URL and how sure we are). */
    source: text("source").notNull(),
    effectiveAt: tz("effective_at").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("ai_model_configs_type_provider_idx").on(t.type, t.provider)],
);

/** One row per price edit: what it was, what it became, who changed it. */
export const aiModelPriceHistory = pgTable(
  "ai_model_price_history",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    modelId: text("model_id")
      .notNull()
      .references(() => aiModelConfigs.modelId, { onDelete: "cascade", onUpdate: "cascade" }),
    oldInputUsdPerToken: usd("old_input_usd_per_token"),
    newInputUsdPerToken: usd("new_input_usd_per_token"),
    oldOutputUsdPerToken: usd("old_output_usd_per_token"),
    newOutputUsdPerToken: usd("new_output_usd_per_token"),
    oldCachedInputUsdPerToken: usd("old_cached_input_usd_per_token"),
    newCachedInputUsdPerToken: usd("new_cached_input_usd_per_token"),
    oldImagePrices: jsonb("old_image_prices").$type<ImagePrices>(),
    newImagePrices: jsonb("new_image_prices").$type<ImagePrices>(),
    oldSource: text("old_source"),
    newSource: text("new_source"),
    /** User id of the admin who edited the price; null for migrations and scripts. */
    changedBy: text("changed_by"),
    changedAt: tz("changed_at").notNull().defaultNow(),
  },
  (t) => [index("ai_model_price_history_model_idx").on(t.modelId, t.changedAt)],
);

export const aiUsageKind = pgEnum("ai_usage_kind", ["text", "image"]);

/** Ledger of every AI call: what it used and what it cost, at the price in force at the time. */
export const aiUsage = pgTable(
  "ai_usage",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    modelId: text("model_id").notNull(),
    provider: aiProvider("provider").notNull(),
    kind: aiUsageKind("kind").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cachedInputTokens: integer("cached_input_tokens").notNull().default(0),
    images: integer("images").notNull().default(0),
    costUsd: usd("cost_usd").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [index("ai_usage_account_created_idx").on(t.accountId, t.createdAt)],
);

export type GlobalIntegrationSettings = typeof globalIntegrationSettings.$inferSelect;
export type NewGlobalIntegrationSettings = typeof globalIntegrationSettings.$inferInsert;
export type AccountAiSettings = typeof accountAiSettings.$inferSelect;
export type NewAccountAiSettings = typeof accountAiSettings.$inferInsert;
export type AiModelConfig = typeof aiModelConfigs.$inferSelect;
export type NewAiModelConfig = typeof aiModelConfigs.$inferInsert;
export type AiModelPriceHistory = typeof aiModelPriceHistory.$inferSelect;
export type NewAiModelPriceHistory = typeof aiModelPriceHistory.$inferInsert;
export type AiUsage = typeof aiUsage.$inferSelect;
export type NewAiUsage = typeof aiUsage.$inferInsert;
export type AiKeyStatus = (typeof aiKeyStatus.enumValues)[number];
