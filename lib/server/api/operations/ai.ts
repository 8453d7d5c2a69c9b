import "server-only";
import { idParamsSchema, paginationQuerySchema } from "@/lib/schemas/common";
import {
  aiModelSchema,
  costBodySchema,
  costResultSchema,
  listModelsQuerySchema,
  modelParamsSchema,
  priceHistorySchema,
  updateModelBodySchema,
} from "@/lib/schemas/ai-models";
import {
  generateImageBodySchema,
  generateTextBodySchema,
  imageGenerationSchema,
  monthlyUsageSchema,
  textGenerationSchema,
  usageQuerySchema,
} from "@/lib/schemas/ai-generation";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { aiErrors, ex } from "./shared";

const tag = "AI";

export const listAiModels = defineOperation({
  method: "GET",
  path: "/api/v1/ai/models/",
  operationId: "listAiModels",
  tag: "AI models",
  summary: "The Model Registry",
  description: "Active models with their prices; filter by `type` and `provider`, `include_inactive=true` for all.",
  query: listModelsQuerySchema,
  responses: { 200: { description: "A page of models (100 by default).", schema: pageOf(aiModelSchema) } },
});

export const getAiModel = defineOperation({
  method: "GET",
  path: "/api/v1/ai/models/{model}/",
  operationId: "getAiModel",
  tag: "AI models",
  summary: "One model and its prices",
  params: modelParamsSchema,
  responses: { 200: { description: "The model.", schema: aiModelSchema } },
});

export const updateAiModel = defineOperation({
  method: "PATCH",
  path: "/api/v1/ai/models/{model}/",
  operationId: "updateAiModel",
  tag: "AI models",
  summary: "Edit a model's prices or active flag",
  description:
    "System admins only. Token rates per token or per 1M tokens; `source` says where the price comes from. The old price is kept in the history.",
  params: modelParamsSchema,
  body: updateModelBodySchema,
  bodyExample: {
    input_usd_per_million: "2.50",
    output_usd_per_million: "10.00",
    source: "https://openai.com/api/pricing (2026-01-15)",
  },
  errors: ["forbidden"],
  responses: { 200: { description: "The model as saved.", schema: aiModelSchema } },
});

export const listAiModelHistory = defineOperation({
  method: "GET",
  path: "/api/v1/ai/models/{model}/history/",
  operationId: "listAiModelHistory",
  tag: "AI models",
  summary: "A model's price edits, newest first",
  params: modelParamsSchema,
  query: paginationQuerySchema,
  responses: { 200: { description: "A page of price edits.", schema: pageOf(priceHistorySchema) } },
});

export const priceAiCall = defineOperation({
  method: "POST",
  path: "/api/v1/ai/cost/",
  operationId: "priceAiCall",
  tag: "AI models",
  summary: "The exact cost of a call",
  description: "Text: tokens in and out. Images: size, quality and count.",
  body: costBodySchema,
  bodyExample: { model: "gpt-4o-mini", input_tokens: 1200, output_tokens: 800 },
  errors: ["unknown_model"],
  responses: {
    200: {
      description: "The cost in USD, as a decimal string.",
      schema: costResultSchema,
      example: { model: "gpt-4o-mini", type: "text", cost_usd: "0.00066", currency: "USD" },
    },
  },
});

export const generateText = defineOperation({
  method: "POST",
  path: "/api/v1/ai/generate/text/",
  operationId: "generateText",
  tag,
  summary: "Generate text",
  description: "With the account's default text model unless `model` is given; priced and recorded in the usage.",
  body: generateTextBodySchema,
  bodyExample: {
    prompt: "Three title ideas for a post about planting tulips.",
    system: "You write for a gardening blog.",
  },
  errors: aiErrors,
  responses: {
    200: {
      description: "The text, the tokens used and the cost.",
      schema: textGenerationSchema,
      example: {
        text: "1. Tulips in Autumn…",
        model: "gpt-4o-mini",
        usage: { input_tokens: 24, output_tokens: 41, cached_input_tokens: 0 },
        cost_usd: "0.0000282",
      },
    },
  },
});

export const generateImage = defineOperation({
  method: "POST",
  path: "/api/v1/ai/generate/image/",
  operationId: "generateImage",
  tag,
  summary: "Generate an image and store it",
  description:
    "With the default (or given) provider and model; the image is served from `url` (`GET /ai/images/{id}/`).",
  body: generateImageBodySchema,
  bodyExample: { prompt: "Red tulips in a garden bed, morning light", size: "1024x1024" },
  errors: aiErrors,
  responses: {
    201: {
      description: "The stored image and its cost.",
      schema: imageGenerationSchema,
      example: {
        image_id: ex.imageId,
        url: `/api/v1/ai/images/${ex.imageId}/`,
        model: "gpt-image-1",
        provider: "openai",
        size: "1024x1024",
        mime_type: "image/png",
        cost_usd: "0.042",
      },
    },
  },
});

export const getStoredImage = defineOperation({
  method: "GET",
  path: "/api/v1/ai/images/{id}/",
  operationId: "getStoredImage",
  tag,
  summary: "A stored image of the account",
  params: idParamsSchema,
  responses: { 200: { description: "The image file (PNG, JPEG or WebP).", media: "image/*" } },
});

export const getAiUsage = defineOperation({
  method: "GET",
  path: "/api/v1/ai/usage/",
  operationId: "getAiUsage",
  tag,
  summary: "The account's AI calls and spend in a month",
  description: "`month=YYYY-MM`; this month by default.",
  query: usageQuerySchema,
  responses: {
    200: {
      description: "The month's totals.",
      schema: monthlyUsageSchema,
      example: {
        month: "2026-01",
        calls: 42,
        input_tokens: 51200,
        output_tokens: 20480,
        images: 6,
        cost_usd: "0.2871",
      },
    },
  },
});
