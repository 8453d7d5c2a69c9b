import type { AiErrorCode } from "../errors";
import type { AiProviderId } from "../types";

/** Where and how to reach a provider. Base URLs default to env, then to the provider's own API. */
export interface ProviderOptions {
  baseUrl?: string;
  /** SDK retries on 429/5xx; 0 in tests. */
  maxRetries?: number;
  timeoutMs?: number;
}

/** Outcome of a key test; safe to return to the user (the key never appears in it). */
export interface KeyTestResult {
  ok: boolean;
  code?: AiErrorCode;
  message: string;
  /** Model ids the key can use, when the provider can list them. */
  modelsAvailable?: string[];
  retryAfterSeconds?: number;
}

export interface GenerateTextParams {
  apiKey: string;
  /** The provider's own model id (registry `providerModelId`). */
  model: string;
  prompt: string;
  system?: string;
  maxOutputTokens?: number;
  temperature?: number;
}

export interface GenerateTextResult {
  text: string;
  /** The model that answered, as the provider names it. */
  model: string;
  /** Normalised usage: `inputTokens` includes `cachedInputTokens`. */
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number };
}

export interface GenerateImageParams {
  apiKey: string;
  /** The provider's own model id (registry `providerModelId`). */
  model: string;
  prompt: string;
  /** "WIDTHxHEIGHT". */
  size: string;
  quality?: string;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  contentType: string;
}

export interface GenerateImageResult {
  image: GeneratedImage;
  /** What the provider says it charged, when it says (Runware); our price still comes from the registry. */
  providerCostUsd?: string;
  revisedPrompt?: string;
}

/** One AI provider behind one interface; adding a provider is one file and one line in `index.ts`. */
export interface AiProvider {
  readonly id: AiProviderId;
  /** Checks a key with the cheapest authenticated call the provider offers; never throws for provider errors. */
  testKey(apiKey: string): Promise<KeyTestResult>;
  /** Text completion for one prompt. Throws `AiError`. */
  generateText?(params: GenerateTextParams): Promise<GenerateTextResult>;
  /** One image, returned as bytes (provider URLs expire). Throws `AiError`. */
  generateImage?(params: GenerateImageParams): Promise<GenerateImageResult>;
}
