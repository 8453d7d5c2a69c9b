import "server-only";
import crypto from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { images, type AiModelConfig } from "@/db/tables";
import { generateImageForAccount, generateTextForAccount } from "@/lib/ai/generate";
import { getModel, listModels } from "@/lib/ai/registry";
import { resolveDefaults } from "@/lib/ai/settings";
import { getMonthlyUsage } from "@/lib/ai/usage";
import type { ProviderOptions } from "@/lib/ai/providers";
import type { ImageProviderId } from "@/lib/ai/types";
import {
  imageGenerationSchema,
  monthlyUsageSchema,
  textGenerationSchema,
  type GenerateImageBody,
  type GenerateTextBody,
  type ImageGenerationDto,
  type MonthlyUsageDto,
  type TextGenerationDto,
} from "@/lib/schemas/ai-generation";
import { ApiError, notFound } from "../api/errors";
import { getEnv } from "../env";
import { withAiErrors } from "./ai-errors";
import { loadAiSettingsRows, requireApiKey, type AiSettingsRows } from "./ai-keys";

/**
 * Generation for an account with the key and defaults in force for it (account, then platform):
 * priced from the registry and recorded in the usage ledger by lib/ai/generate.
 */

export const defaultImageSize = "1024x1024";

function defaultsFor(rows: AiSettingsRows) {
  const level = (row: AiSettingsRows["global"] | AiSettingsRows["account"]) => ({
    keys: {},
    defaultTextModel: row?.defaultTextModel ?? null,
    defaultImageModel: row?.defaultImageModel ?? null,
    defaultImageProvider: row?.defaultImageProvider ?? null,
  });
  return resolveDefaults({ account: level(rows.account), global: level(rows.global) });
}

async function modelOf(db: Db, field: string, modelId: string, type: "text" | "image"): Promise<AiModelConfig> {
  const model = await withAiErrors(() => getModel(db, modelId));
  if (model.type !== type) {
    throw new ApiError(
      "validation_error",
      `${field}: ${modelId} is ${model.type === "image" ? "an image" : "a text"} model; pick ${type === "image" ? "an image" : "a text"} model`,
      {
        details: [{ field, message: `${modelId} is ${model.type === "image" ? "an image" : "a text"} model` }],
      },
    );
  }
  return model;
}

/** POST /api/v1/ai/generate/text/ */
export async function generateText(
  db: Db,
  accountId: string,
  body: GenerateTextBody,
  options?: ProviderOptions,
): Promise<TextGenerationDto> {
  const rows = await loadAiSettingsRows(db, accountId);
  const modelId = body.model ?? defaultsFor(rows).textModel.value;
  if (!modelId) {
    throw new ApiError("validation_error", "model: no default text model is set; send model or set a default", {
      fix: "Pick a default text model under Settings → Integrations → AI providers.",
    });
  }
  const model = await modelOf(db, "model", modelId, "text");
  const { apiKey } = requireApiKey(rows, model.provider, accountId);
  const result = await withAiErrors(
    () =>
      generateTextForAccount(db, {
        accountId,
        modelId: model.modelId,
        prompt: body.prompt,
        ...(body.system ? { system: body.system } : {}),
        apiKey,
        providerOptions: options,
      }),
    model.provider,
  );
  return textGenerationSchema.parse({
    text: result.text,
    model: result.model,
    usage: {
      input_tokens: result.usage.inputTokens,
      output_tokens: result.usage.outputTokens,
      cached_input_tokens: result.usage.cachedInputTokens,
    },
    cost_usd: result.costUsd,
  });
}

/**
 * The image model to use: the one asked for; else, for the provider asked for (or the default
 * provider), the default image model when it is that provider's, else that provider's first model.
 */
export async function pickImageModel(
  db: Db,
  rows: AiSettingsRows,
  body: { model?: string; provider?: ImageProviderId },
) {
  if (body.model) {
    const model = await modelOf(db, "model", body.model, "image");
    if (body.provider && model.provider !== body.provider) {
      throw new ApiError("validation_error", `model: ${body.model} is not a ${body.provider} model`, {
        details: [{ field: "model", message: `${body.model} is not a ${body.provider} model` }],
      });
    }
    return model;
  }
  const defaults = defaultsFor(rows);
  const provider = body.provider ?? (defaults.imageProvider.value as ImageProviderId | null);
  if (defaults.imageModel.value) {
    const model = await getModel(db, defaults.imageModel.value).catch(() => undefined);
    if (model && model.type === "image" && (!provider || model.provider === provider)) return model;
  }
  if (!provider) {
    throw new ApiError("validation_error", "model: no default image model or provider is set; send model or provider", {
      fix: "Pick a default image model under Settings → Integrations → AI providers.",
    });
  }
  const [first] = await listModels(db, { type: "image", provider });
  if (!first) throw new ApiError("unknown_model", `No active ${provider} image model is in the registry.`);
  return first;
}

/** POST /api/v1/ai/generate/image/: generates one image and stores its bytes with us (provider URLs expire). */
export async function generateImage(
  db: Db,
  accountId: string,
  body: GenerateImageBody & { contentId?: string },
  options?: ProviderOptions,
): Promise<ImageGenerationDto> {
  const rows = await loadAiSettingsRows(db, accountId);
  const model = await pickImageModel(db, rows, body);
  const { apiKey } = requireApiKey(rows, model.provider, accountId);
  const size = body.size ?? defaultImageSize;
  const result = await withAiErrors(
    () =>
      generateImageForAccount(db, {
        accountId,
        modelId: model.modelId,
        prompt: body.prompt,
        size,
        ...(body.quality ? { quality: body.quality } : {}),
        apiKey,
        providerOptions: options,
      }),
    model.provider,
  );
  const bytes = Buffer.from(result.image.bytes);
  const [image] = await db
    .insert(images)
    .values({
      accountId,
      contentId: body.contentId ?? null,
      data: bytes,
      mimeType: result.image.contentType,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    })
    .returning({ id: images.id });
  return imageGenerationSchema.parse({
    image_id: image.id,
    url: `${getEnv().APP_URL}/api/v1/ai/images/${image.id}/`,
    model: model.modelId,
    provider: model.provider,
    size,
    mime_type: result.image.contentType,
    cost_usd: result.costUsd,
  });
}

const rasterTypes = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

/** GET /api/v1/ai/images/{id}/: a stored image of the account, as bytes. */
export async function getStoredImageResponse(db: Db, accountId: string, id: string): Promise<Response> {
  const [image] = await db
    .select({ data: images.data, mimeType: images.mimeType, sha256: images.sha256 })
    .from(images)
    .where(and(eq(images.id, id), eq(images.accountId, accountId), isNotNull(images.data)));
  if (!image?.data) throw notFound("Image");
  // Raster types only: an SVG (or anything else) a provider sent is downloaded, never rendered on our origin.
  const isRaster = !!image.mimeType && rasterTypes.has(image.mimeType);
  return new Response(new Uint8Array(image.data), {
    headers: {
      "content-type": isRaster ? image.mimeType! : "application/octet-stream",
      ...(isRaster ? {} : { "content-disposition": "attachment" }),
      "content-security-policy": "default-src 'none'; sandbox",
      "content-length": String(image.data.byteLength),
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      ...(image.sha256 ? { etag: `"${image.sha256}"` } : {}),
    },
  });
}

/** GET /api/v1/ai/usage/: the account's AI calls and spend in one calendar month (UTC). */
export async function getAiUsage(db: Db, accountId: string, month?: string): Promise<MonthlyUsageDto> {
  const at = month ? new Date(`${month}-01T00:00:00Z`) : new Date();
  const usage = await getMonthlyUsage(db, { accountId, at });
  return monthlyUsageSchema.parse({
    month: usage.month.toISOString().slice(0, 7),
    calls: usage.calls,
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    images: usage.images,
    cost_usd: usage.costUsd,
  });
}
