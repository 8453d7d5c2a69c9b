/** Provider ids. The DB enum and the API derive from this list. */
export const aiProviders = ["openai", "anthropic", "runware", "bria"] as const;
export type AiProviderId = (typeof aiProviders)[number];

export const imageProviders = ["openai", "runware", "bria"] as const;
export type ImageProviderId = (typeof imageProviders)[number];

export const aiModelTypes = ["text", "image"] as const;
export type AiModelType = (typeof aiModelTypes)[number];

/**
 * Per-image USD prices as exact decimal strings, by size then quality:
 * `{"1024x1024": {"standard": "0.040", "hd": "0.080"}}`. A size or quality of `"*"` matches
 * any value (for providers that charge one price per image).
 */
export type ImagePrices = Record<string, Record<string, string>>;

export interface TextUsage {
  /** All input tokens of the call, cached ones included. */
  inputTokens: number;
  outputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache (billed at the cache rate). */
  cachedInputTokens?: number;
}

export interface ImageRequestShape {
  /** "WIDTHxHEIGHT", e.g. "1024x1024". */
  size: string;
  /** "standard" or "hd" for DALL-E 3; providers with one price accept any value. */
  quality?: string;
  /** Number of images. */
  n?: number;
}
