import { asc, count, eq, sql } from "drizzle-orm";
import { aiModelConfigs, aiModelPriceHistory, type AiModelConfig } from "../../db/schema/ai";
import { assertPrice, computeImageCost, computeTextCost } from "./cost";
import type { AnyDb } from "./db";
import { AiError } from "./errors";
import type { AiModelType, AiProviderId, ImagePrices, ImageRequestShape, TextUsage } from "./types";

/**
 * Models are read through a per-database cache. A price edit in this process clears it at once;
 * the TTL bounds how long another process (a worker, a second web replica) may use an old price.
 */
const cacheTtlMs = 60_000;
type CacheEntry = { loadedAt: number; generation: number; models: Promise<Map<string, AiModelConfig>> };
const cache = new WeakMap<AnyDb, CacheEntry>();
let generation = 0;

async function loadAll(db: AnyDb): Promise<Map<string, AiModelConfig>> {
  const rows = await db
    .select()
    .from(aiModelConfigs)
    .orderBy(asc(aiModelConfigs.provider), asc(aiModelConfigs.modelId));
  return new Map(rows.map((row) => [row.modelId, row]));
}

function allModels(db: AnyDb): Promise<Map<string, AiModelConfig>> {
  const hit = cache.get(db);
  if (hit && hit.generation === generation && Date.now() - hit.loadedAt < cacheTtlMs) return hit.models;
  const models = loadAll(db);
  cache.set(db, { loadedAt: Date.now(), generation, models });
  models.catch(() => cache.delete(db));
  return models;
}

/** Drops the cached models of `db`, or of every database when called without one. */
export function invalidateModelCache(db?: AnyDb): void {
  if (db) cache.delete(db);
  else generation += 1;
}

/** A model by our id; inactive models only with `includeInactive`. Throws `unknown_model`. */
export async function getModel(
  db: AnyDb,
  modelId: string,
  options: { includeInactive?: boolean } = {},
): Promise<AiModelConfig> {
  const model = (await allModels(db)).get(modelId);
  if (!model || (!model.isActive && !options.includeInactive)) {
    throw new AiError("unknown_model", `Unknown or inactive model: ${modelId}`);
  }
  return model;
}

export type ListModelsParams = { type?: AiModelType; provider?: AiProviderId; includeInactive?: boolean };

/** Models filtered by type and provider, ordered by provider then id. */
export async function listModels(db: AnyDb, params: ListModelsParams = {}): Promise<AiModelConfig[]> {
  return [...(await allModels(db)).values()].filter(
    (m) =>
      (params.includeInactive || m.isActive) &&
      (!params.type || m.type === params.type) &&
      (!params.provider || m.provider === params.provider),
  );
}

/** USD cost of a text call, e.g. gpt-4o-mini with 1000 in + 500 out = "0.000450". */
export async function calculateCost(db: AnyDb, modelId: string, usage: TextUsage): Promise<string> {
  const model = await getModel(db, modelId);
  if (model.type !== "text") throw new AiError("invalid_input", `${modelId} is an image model: price it per image`);
  return computeTextCost(modelId, model, usage);
}

/** USD cost of `n` images of one size and quality. */
export async function calculateImageCost(db: AnyDb, modelId: string, request: ImageRequestShape): Promise<string> {
  const model = await getModel(db, modelId);
  if (model.type !== "image") throw new AiError("invalid_input", `${modelId} is a text model: price it per token`);
  return computeImageCost(modelId, model.imagePrices, request);
}

export type UpdateModelPriceParams = {
  modelId: string;
  inputUsdPerToken?: string | null;
  outputUsdPerToken?: string | null;
  cachedInputUsdPerToken?: string | null;
  imagePrices?: ImagePrices | null;
  source: string;
  effectiveAt?: Date;
  isActive?: boolean;
  /** User id of the admin making the change. */
  changedBy: string | null;
};

function checkImagePrices(prices: ImagePrices): void {
  for (const [size, byQuality] of Object.entries(prices)) {
    if (size !== "*" && !/^\d+x\d+$/.test(size))
      throw new AiError("invalid_input", `Image size ${size} must look like 1024x1024`);
    for (const [quality, price] of Object.entries(byQuality)) assertPrice(`imagePrices.${size}.${quality}`, price);
  }
}

/** Changes a model's prices (and active flag), records the old and new values, and clears the cache. */
export async function updateModelPrice(db: AnyDb, params: UpdateModelPriceParams): Promise<AiModelConfig> {
  for (const key of ["inputUsdPerToken", "outputUsdPerToken", "cachedInputUsdPerToken"] as const) {
    const value = params[key];
    if (typeof value === "string") assertPrice(key, value);
  }
  if (params.imagePrices) checkImagePrices(params.imagePrices);
  if (!params.source.trim()) throw new AiError("invalid_input", "source must say where the price comes from");

  try {
    return await db.transaction(async (tx) => {
      const [old] = await tx
        .select()
        .from(aiModelConfigs)
        .where(eq(aiModelConfigs.modelId, params.modelId))
        .for("update");
      if (!old) throw new AiError("unknown_model", `Unknown model: ${params.modelId}`);
      const next = {
        inputUsdPerToken: params.inputUsdPerToken === undefined ? old.inputUsdPerToken : params.inputUsdPerToken,
        outputUsdPerToken: params.outputUsdPerToken === undefined ? old.outputUsdPerToken : params.outputUsdPerToken,
        cachedInputUsdPerToken:
          params.cachedInputUsdPerToken === undefined ? old.cachedInputUsdPerToken : params.cachedInputUsdPerToken,
        imagePrices: params.imagePrices === undefined ? old.imagePrices : params.imagePrices,
      };
      const [updated] = await tx
        .update(aiModelConfigs)
        .set({
          ...next,
          source: params.source,
          effectiveAt: params.effectiveAt ?? new Date(),
          isActive: params.isActive ?? old.isActive,
          updatedAt: sql`now()`,
        })
        .where(eq(aiModelConfigs.id, old.id))
        .returning();
      await tx.insert(aiModelPriceHistory).values({
        modelId: old.modelId,
        oldInputUsdPerToken: old.inputUsdPerToken,
        newInputUsdPerToken: updated.inputUsdPerToken,
        oldOutputUsdPerToken: old.outputUsdPerToken,
        newOutputUsdPerToken: updated.outputUsdPerToken,
        oldCachedInputUsdPerToken: old.cachedInputUsdPerToken,
        newCachedInputUsdPerToken: updated.cachedInputUsdPerToken,
        oldImagePrices: old.imagePrices,
        newImagePrices: updated.imagePrices,
        oldSource: old.source,
        newSource: updated.source,
        changedBy: params.changedBy,
      });
      return updated;
    });
  } finally {
    // Every handle (the root db and any transaction object) must see the new price.
    invalidateModelCache();
  }
}

/** Price edits of one model, newest first: `limit` of them from `offset` (default: the newest 100). */
export async function listPriceHistory(
  db: AnyDb,
  modelId: string,
  page: { limit: number; offset: number } = { limit: 100, offset: 0 },
) {
  return db
    .select()
    .from(aiModelPriceHistory)
    .where(eq(aiModelPriceHistory.modelId, modelId))
    .orderBy(sql`${aiModelPriceHistory.changedAt} desc, ${aiModelPriceHistory.id} desc`)
    .limit(page.limit)
    .offset(page.offset);
}

/** How many price edits one model has. */
export async function countPriceHistory(db: AnyDb, modelId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(aiModelPriceHistory)
    .where(eq(aiModelPriceHistory.modelId, modelId));
  return row.n;
}
