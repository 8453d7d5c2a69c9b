import type { AnyDb } from "./db";
import { AiError } from "./errors";
import { getProvider } from "./providers";
import type { GeneratedImage, ProviderOptions } from "./providers/types";
import { calculateCost, calculateImageCost, getModel } from "./registry";
import { recordUsage } from "./usage";

/**
 * One priced, recorded AI call: look the model up, call its provider with the key the caller
 * resolved (lib/ai/settings), price the usage from the registry and add it to the ledger.
 */

export type GenerateTextForAccountParams = {
  accountId: string;
  modelId: string;
  prompt: string;
  system?: string;
  apiKey: string;
  providerOptions?: ProviderOptions;
};

export type TextGeneration = {
  text: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number };
  costUsd: string;
};

export async function generateTextForAccount(db: AnyDb, params: GenerateTextForAccountParams): Promise<TextGeneration> {
  const model = await getModel(db, params.modelId);
  if (model.type !== "text") throw new AiError("invalid_input", `${model.modelId} is not a text model`);
  const provider = getProvider(model.provider, params.providerOptions);
  if (!provider.generateText) throw new AiError("invalid_input", `${model.provider} does not generate text`);
  const result = await provider.generateText({
    apiKey: params.apiKey,
    model: model.providerModelId,
    prompt: params.prompt,
    ...(params.system ? { system: params.system } : {}),
    ...(model.maxOutputTokens ? { maxOutputTokens: model.maxOutputTokens } : {}),
  });
  const costUsd = await calculateCost(db, model.modelId, result.usage);
  await recordUsage(db, {
    accountId: params.accountId,
    modelId: model.modelId,
    provider: model.provider,
    kind: "text",
    ...result.usage,
    costUsd,
  });
  return { text: result.text, model: model.modelId, usage: result.usage, costUsd };
}

export type GenerateImageForAccountParams = {
  accountId: string;
  modelId: string;
  prompt: string;
  size: string;
  quality?: string;
  apiKey: string;
  providerOptions?: ProviderOptions;
};

export type ImageGeneration = { image: GeneratedImage; model: string; costUsd: string; revisedPrompt?: string };

export async function generateImageForAccount(
  db: AnyDb,
  params: GenerateImageForAccountParams,
): Promise<ImageGeneration> {
  const model = await getModel(db, params.modelId);
  if (model.type !== "image") throw new AiError("invalid_input", `${model.modelId} is not an image model`);
  const provider = getProvider(model.provider, params.providerOptions);
  if (!provider.generateImage) throw new AiError("invalid_input", `${model.provider} does not generate images`);
  // Priced before the call: a size or quality we cannot price is refused before money is spent.
  const costUsd = await calculateImageCost(db, model.modelId, { size: params.size, quality: params.quality, n: 1 });
  const result = await provider.generateImage({
    apiKey: params.apiKey,
    model: model.providerModelId,
    prompt: params.prompt,
    size: params.size,
    ...(params.quality ? { quality: params.quality } : {}),
  });
  await recordUsage(db, {
    accountId: params.accountId,
    modelId: model.modelId,
    provider: model.provider,
    kind: "image",
    images: 1,
    costUsd,
  });
  return {
    image: result.image,
    model: model.modelId,
    costUsd,
    ...(result.revisedPrompt ? { revisedPrompt: result.revisedPrompt } : {}),
  };
}
