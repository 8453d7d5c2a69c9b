import Decimal from "decimal.js";
import { ownValue } from "@/lib/schemas/json-input";
import { AiError } from "./errors";
import type { ImagePrices, ImageRequestShape, TextUsage } from "./types";

/** Token rates of a text model, USD per token, as exact decimal strings. */
export interface TokenRates {
  inputUsdPerToken: string | null;
  outputUsdPerToken: string | null;
  /** Cache-read rate; when null, cached tokens are billed at the input rate. */
  cachedInputUsdPerToken: string | null;
}

/** Money leaves this module as a string with at least 6 decimals and never loses a digit. */
export function formatUsd(value: Decimal.Value): string {
  const d = new Decimal(value);
  return d.toFixed(Math.max(6, d.decimalPlaces()));
}

/** Converts a "USD per 1M tokens" figure to the per-token string we store. */
export function perMillionToPerToken(usdPerMillion: string): string {
  return new Decimal(usdPerMillion).div(1_000_000).toFixed();
}

function tokenCount(name: string, value: number | undefined): number {
  const n = value ?? 0;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AiError("invalid_input", `${name} must be a non-negative integer`);
  }
  return n;
}

function rate(name: string, value: string | null, modelId: string): Decimal {
  if (value === null) throw new AiError("invalid_input", `Model ${modelId} has no ${name} price`);
  return new Decimal(value);
}

/**
 * USD cost of one text call:
 * (input - cached) x input rate + cached x cache rate + output x output rate.
 */
export function computeTextCost(modelId: string, rates: TokenRates, usage: TextUsage): string {
  const input = tokenCount("inputTokens", usage.inputTokens);
  const output = tokenCount("outputTokens", usage.outputTokens);
  const cached = tokenCount("cachedInputTokens", usage.cachedInputTokens);
  if (cached > input) {
    throw new AiError("invalid_input", "cachedInputTokens cannot exceed inputTokens");
  }
  const inputRate = rate("input", rates.inputUsdPerToken, modelId);
  const outputRate = rate("output", rates.outputUsdPerToken, modelId);
  const cachedRate = rates.cachedInputUsdPerToken === null ? inputRate : new Decimal(rates.cachedInputUsdPerToken);
  const total = inputRate
    .mul(input - cached)
    .plus(cachedRate.mul(cached))
    .plus(outputRate.mul(output));
  return formatUsd(total);
}

/** Finds the per-image price for a size and quality; `"*"` entries match anything. */
export function findImagePrice(prices: ImagePrices, size: string, quality: string): string | undefined {
  for (const sizeKey of [size, "*"]) {
    // Size and quality come from the request: only the price table's own entries count.
    const bySize = ownValue(prices, sizeKey);
    if (!bySize) continue;
    const price = ownValue(bySize, quality) ?? ownValue(bySize, "*");
    if (price !== undefined) return price;
  }
  return undefined;
}

/** USD cost of `n` images of one size and quality. */
export function computeImageCost(modelId: string, prices: ImagePrices | null, request: ImageRequestShape): string {
  const n = request.n ?? 1;
  if (!Number.isSafeInteger(n) || n < 1) throw new AiError("invalid_input", "n must be a positive integer");
  const quality = request.quality ?? "standard";
  const price = prices ? findImagePrice(prices, request.size, quality) : undefined;
  if (price === undefined) {
    const offered = prices
      ? Object.entries(prices)
          .flatMap(([size, byQuality]) => Object.keys(byQuality).map((q) => `${size} ${q}`))
          .join(", ")
      : "none";
    throw new AiError(
      "invalid_input",
      `Model ${modelId} has no price for size ${request.size}, quality ${quality} (priced: ${offered})`,
    );
  }
  return formatUsd(new Decimal(price).mul(n));
}

/** Checks that a price string is a non-negative decimal before it is stored. */
export function assertPrice(name: string, value: string): void {
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    throw new AiError("invalid_input", `${name} must be a decimal number`);
  }
  if (!d.isFinite() || d.isNegative()) throw new AiError("invalid_input", `${name} must be a non-negative decimal`);
  if (d.decimalPlaces() > 12) throw new AiError("invalid_input", `${name} has more than 12 decimals`);
}
