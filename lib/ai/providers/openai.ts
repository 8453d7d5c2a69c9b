import OpenAI from "openai";
import { z } from "zod";
import { AiError, parseRetryAfter } from "../errors";
import { imageFromBase64, keyTestFailure, parseSize, redactSecrets } from "./http";
import type { AiProvider, GenerateImageParams, GenerateTextParams, ProviderOptions } from "./types";

export const openaiDefaultBaseUrl = "https://api.openai.com/v1";

const chatCompletionSchema = z.object({
  model: z.string(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({
    prompt_tokens: z.number().int().nonnegative(),
    completion_tokens: z.number().int().nonnegative(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().optional() }).nullish(),
  }),
});

const imagesResponseSchema = z.object({
  data: z.array(z.object({ b64_json: z.string().min(1), revised_prompt: z.string().optional() })).min(1),
});

/** Maps an error thrown by the OpenAI SDK to our codes. Anything else is rethrown untouched. */
export function mapOpenAiError(error: unknown, apiKey: string): AiError {
  if (error instanceof AiError) return error;
  if (error instanceof OpenAI.APIConnectionError) {
    return new AiError("unreachable", "OpenAI could not be reached", { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const message = `OpenAI: ${redactSecrets(error.message, apiKey)}`;
    const status = error.status;
    // No `cause`: the SDK error carries the provider's body, which may echo the key.
    const options = { providerStatus: status };
    if (status === 401 || status === 403) return new AiError("auth_failed", message, options);
    if (status === 429) {
      if (error.code === "insufficient_quota") return new AiError("quota_exceeded", message, options);
      const ms = Number(error.headers?.get("retry-after-ms"));
      const retryAfterSeconds =
        Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : parseRetryAfter(error.headers?.get("retry-after"));
      return new AiError("rate_limited", message, { ...options, retryAfterSeconds });
    }
    if (status === 404 || error.code === "model_not_found") return new AiError("model_not_found", message, options);
    if (status >= 500) return new AiError("unreachable", message, options);
    return new AiError("invalid_response", message, options);
  }
  if (error instanceof SyntaxError) {
    return new AiError("invalid_response", "OpenAI answered with a body that is not valid JSON");
  }
  throw error;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AiError("invalid_response", `OpenAI returned an unexpected ${what} response`);
  return result.data;
}

export function createOpenAiProvider(options: ProviderOptions = {}): AiProvider {
  const client = (apiKey: string, timeoutMs = options.timeoutMs ?? 60_000) =>
    new OpenAI({
      apiKey,
      baseURL: options.baseUrl ?? process.env.OPENAI_BASE_URL ?? openaiDefaultBaseUrl,
      maxRetries: options.maxRetries ?? 2,
      timeout: timeoutMs,
    });

  return {
    id: "openai",

    async testKey(apiKey) {
      try {
        const ids: string[] = [];
        for await (const model of client(apiKey, 15_000).models.list()) {
          if (typeof model?.id !== "string")
            throw new AiError("invalid_response", "OpenAI returned an unexpected model list");
          ids.push(model.id);
        }
        return { ok: true, message: `Key works: ${ids.length} models available`, modelsAvailable: ids.sort() };
      } catch (error) {
        return keyTestFailure(mapOpenAiError(error, apiKey), apiKey);
      }
    },

    async generateText(params: GenerateTextParams) {
      try {
        const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
        if (params.system) messages.push({ role: "system", content: params.system });
        messages.push({ role: "user", content: params.prompt });
        const raw: unknown = await client(params.apiKey).chat.completions.create({
          model: params.model,
          messages,
          ...(params.maxOutputTokens ? { max_completion_tokens: params.maxOutputTokens } : {}),
          ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
        });
        const body = parse(chatCompletionSchema, raw, "chat completion");
        return {
          text: body.choices[0].message.content ?? "",
          model: body.model,
          usage: {
            inputTokens: body.usage.prompt_tokens,
            outputTokens: body.usage.completion_tokens,
            cachedInputTokens: body.usage.prompt_tokens_details?.cached_tokens ?? 0,
          },
        };
      } catch (error) {
        throw mapOpenAiError(error, params.apiKey);
      }
    },

    async generateImage(params: GenerateImageParams) {
      parseSize(params.size);
      try {
        const raw: unknown = await client(params.apiKey, options.timeoutMs ?? 120_000).images.generate({
          model: params.model,
          prompt: params.prompt,
          n: 1,
          size: params.size as OpenAI.ImageGenerateParams["size"],
          ...(params.quality ? { quality: params.quality as OpenAI.ImageGenerateParams["quality"] } : {}),
          response_format: "b64_json",
        });
        const body = parse(imagesResponseSchema, raw, "image");
        return {
          image: imageFromBase64(body.data[0].b64_json, "OpenAI"),
          ...(body.data[0].revised_prompt ? { revisedPrompt: body.data[0].revised_prompt } : {}),
        };
      } catch (error) {
        throw mapOpenAiError(error, params.apiKey);
      }
    },
  };
}
