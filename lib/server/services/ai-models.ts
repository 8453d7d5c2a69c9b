import "server-only";
import Decimal from "decimal.js";
import type { Db } from "@/db/client";
import type { AiModelConfig, AiModelPriceHistory } from "@/db/tables";
import {
  calculateCost,
  calculateImageCost,
  countPriceHistory,
  getModel,
  listModels,
  listPriceHistory,
  updateModelPrice,
} from "@/lib/ai/registry";
import { isAiError } from "@/lib/ai/errors";
import { perMillionToPerToken } from "@/lib/ai/cost";
import type { AiModelType, AiProviderId } from "@/lib/ai/types";
import {
  aiModelSchema,
  costResultSchema,
  priceHistorySchema,
  type AiModelDto,
  type CostBody,
  type PriceHistoryDto,
  type UpdateModelBody,
} from "@/lib/schemas/ai-models";
import type { PaginationQuery } from "@/lib/schemas/common";
import { ApiError, notFound } from "../api/errors";
import { offsetOf } from "../api/paginate";
import type { AuthContext } from "../session";
import { withAiErrors } from "./ai-errors";

/** Decimal strings from PostgreSQL's numeric lose their trailing zeros here ("0.000000150000" → "0.00000015"). */
const plain = (value: string | null) => (value === null ? null : new Decimal(value).toFixed());
const perMillion = (value: string | null) => (value === null ? null : new Decimal(value).mul(1_000_000).toFixed());

export function toAiModelDto(model: AiModelConfig): AiModelDto {
  return aiModelSchema.parse({
    id: model.modelId,
    provider: model.provider,
    type: model.type,
    display_name: model.displayName,
    provider_model_id: model.providerModelId,
    context_window: model.contextWindow,
    max_output_tokens: model.maxOutputTokens,
    input_usd_per_token: plain(model.inputUsdPerToken),
    output_usd_per_token: plain(model.outputUsdPerToken),
    cached_input_usd_per_token: plain(model.cachedInputUsdPerToken),
    input_usd_per_million: perMillion(model.inputUsdPerToken),
    output_usd_per_million: perMillion(model.outputUsdPerToken),
    cached_input_usd_per_million: perMillion(model.cachedInputUsdPerToken),
    image_prices: model.imagePrices,
    is_active: model.isActive,
    source: model.source,
    effective_at: model.effectiveAt.toISOString(),
    updated_at: model.updatedAt.toISOString(),
  });
}

export function toPriceHistoryDto(row: AiModelPriceHistory): PriceHistoryDto {
  return priceHistorySchema.parse({
    id: row.id,
    model: row.modelId,
    old: {
      input_usd_per_token: plain(row.oldInputUsdPerToken),
      output_usd_per_token: plain(row.oldOutputUsdPerToken),
      cached_input_usd_per_token: plain(row.oldCachedInputUsdPerToken),
      image_prices: row.oldImagePrices,
      source: row.oldSource,
    },
    new: {
      input_usd_per_token: plain(row.newInputUsdPerToken),
      output_usd_per_token: plain(row.newOutputUsdPerToken),
      cached_input_usd_per_token: plain(row.newCachedInputUsdPerToken),
      image_prices: row.newImagePrices,
      source: row.newSource,
    },
    changed_by: row.changedBy,
    changed_at: row.changedAt.toISOString(),
  });
}

/** Registry models; inactive ones only when asked (the price table of an admin shows them). */
export async function listAiModels(
  db: Db,
  params: { type?: AiModelType; provider?: AiProviderId; includeInactive?: boolean },
) {
  return (await listModels(db, params)).map(toAiModelDto);
}

/** One model, active or not; 404 when the registry does not have it. */
export async function getAiModelOr404(db: Db, modelId: string): Promise<AiModelConfig> {
  try {
    return await getModel(db, modelId, { includeInactive: true });
  } catch (error) {
    if (isAiError(error) && error.code === "unknown_model") throw notFound("Model");
    throw error;
  }
}

/** A system admin edits a model's prices or active flag; the old and new values go to the history. */
export async function editAiModel(
  db: Db,
  auth: AuthContext,
  modelId: string,
  body: UpdateModelBody,
): Promise<AiModelDto> {
  if (!auth.isSystemAdmin) throw new ApiError("forbidden", "Only a system admin can edit model prices.");
  const model = await getAiModelOr404(db, modelId);
  const rate = (perToken: string | null | undefined, perM: string | null | undefined) =>
    perToken !== undefined
      ? perToken
      : perM === undefined
        ? undefined
        : perM === null
          ? null
          : perMillionToPerToken(perM);
  const input = rate(body.input_usd_per_token, body.input_usd_per_million);
  const output = rate(body.output_usd_per_token, body.output_usd_per_million);
  const cached = rate(body.cached_input_usd_per_token, body.cached_input_usd_per_million);
  if (model.type === "image" && [input, output, cached].some((v) => v !== undefined && v !== null)) {
    throw new ApiError("validation_error", `${modelId} is an image model: edit image_prices, not token rates.`);
  }
  if (model.type === "text" && body.image_prices) {
    throw new ApiError("validation_error", `${modelId} is a text model: edit token rates, not image_prices.`);
  }
  if (model.type === "text" && (input === null || output === null)) {
    throw new ApiError("validation_error", "A text model needs input and output rates; they cannot be removed.");
  }
  const updated = await withAiErrors(() =>
    updateModelPrice(db, {
      modelId: model.modelId,
      ...(input !== undefined ? { inputUsdPerToken: input } : {}),
      ...(output !== undefined ? { outputUsdPerToken: output } : {}),
      ...(cached !== undefined ? { cachedInputUsdPerToken: cached } : {}),
      ...(body.image_prices !== undefined ? { imagePrices: body.image_prices } : {}),
      ...(body.is_active !== undefined ? { isActive: body.is_active } : {}),
      source: body.source,
      changedBy: auth.userId,
    }),
  );
  return toAiModelDto(updated);
}

/** One page of a model's price edits, newest first, and how many there are. */
export async function listAiModelHistory(
  db: Db,
  modelId: string,
  query: PaginationQuery,
): Promise<{ count: number; results: PriceHistoryDto[] }> {
  const model = await getAiModelOr404(db, modelId);
  const [rows, count] = await Promise.all([
    listPriceHistory(db, model.modelId, { limit: query.page_size, offset: offsetOf(query) }),
    countPriceHistory(db, model.modelId),
  ]);
  return { count, results: rows.map(toPriceHistoryDto) };
}

/** POST /api/v1/ai/cost/: the exact price of a text call or of images, from the registry. */
export async function priceAiCall(db: Db, body: CostBody) {
  const isText = "input_tokens" in body;
  const costUsd = await withAiErrors(() =>
    isText
      ? calculateCost(db, body.model, {
          inputTokens: body.input_tokens,
          outputTokens: body.output_tokens,
          cachedInputTokens: body.cached_input_tokens,
        })
      : calculateImageCost(db, body.model, { size: body.size, quality: body.quality, n: body.n }),
  );
  return costResultSchema.parse({
    model: body.model,
    type: isText ? "text" : "image",
    cost_usd: costUsd,
    currency: "USD",
  });
}
