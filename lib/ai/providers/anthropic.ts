import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { AiError, parseRetryAfter } from "../errors";
import { keyTestFailure, redactSecrets } from "./http";
import type { AiProvider, GenerateTextParams, ProviderOptions } from "./types";

/** Without /v1: the SDK adds it. */
export const anthropicDefaultBaseUrl = "https://api.anthropic.com";

const messageSchema = z.object({
  model: z.string(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  usage: z.object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_read_input_tokens: z.number().int().nonnegative().nullish(),
    cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
  }),
});

function errorBody(error: { error?: unknown }): { type?: string; message?: string } {
  const outer = error.error as { error?: { type?: string; message?: string } } | undefined;
  return outer?.error ?? {};
}

/** Maps an error thrown by the Anthropic SDK to our codes. Anything else is rethrown untouched. */
export function mapAnthropicError(error: unknown, apiKey: string): AiError {
  if (error instanceof AiError) return error;
  if (error instanceof Anthropic.APIConnectionError) {
    return new AiError("unreachable", "Anthropic could not be reached", { cause: error });
  }
  if (error instanceof Anthropic.APIError && typeof error.status === "number") {
    const status = error.status;
    const body = errorBody(error);
    const message = `Anthropic: ${redactSecrets(body.message ?? error.message, apiKey)}`;
    // No `cause`: the SDK error carries the provider's body, which may echo the key.
    const options = { providerStatus: status };
    if (status === 401 || status === 403) return new AiError("auth_failed", message, options);
    if (status === 402 || body.type === "billing_error" || /credit balance/i.test(body.message ?? "")) {
      return new AiError("quota_exceeded", message, options);
    }
    if (status === 429) {
      return new AiError("rate_limited", message, {
        ...options,
        retryAfterSeconds: parseRetryAfter(error.headers?.get("retry-after")),
      });
    }
    if (status === 404) return new AiError("model_not_found", message, options);
    if (status >= 500) return new AiError("unreachable", message, options);
    return new AiError("invalid_response", message, options);
  }
  if (error instanceof SyntaxError) {
    return new AiError("invalid_response", "Anthropic answered with a body that is not valid JSON");
  }
  throw error;
}

export function createAnthropicProvider(options: ProviderOptions = {}): AiProvider {
  const client = (apiKey: string, timeoutMs = options.timeoutMs ?? 60_000) =>
    new Anthropic({
      apiKey,
      baseURL: options.baseUrl ?? process.env.ANTHROPIC_BASE_URL ?? anthropicDefaultBaseUrl,
      maxRetries: options.maxRetries ?? 2,
      timeout: timeoutMs,
    });

  return {
    id: "anthropic",

    async testKey(apiKey) {
      try {
        const ids: string[] = [];
        for await (const model of client(apiKey, 15_000).models.list({ limit: 100 })) {
          if (typeof model?.id !== "string")
            throw new AiError("invalid_response", "Anthropic returned an unexpected model list");
          ids.push(model.id);
        }
        return { ok: true, message: `Key works: ${ids.length} models available`, modelsAvailable: ids.sort() };
      } catch (error) {
        return keyTestFailure(mapAnthropicError(error, apiKey), apiKey);
      }
    },

    async generateText(params: GenerateTextParams) {
      try {
        const raw: unknown = await client(params.apiKey).messages.create({
          model: params.model,
          max_tokens: params.maxOutputTokens ?? 1024,
          messages: [{ role: "user", content: params.prompt }],
          ...(params.system ? { system: params.system } : {}),
          ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
        });
        const parsed = messageSchema.safeParse(raw);
        if (!parsed.success) throw new AiError("invalid_response", "Anthropic returned an unexpected message response");
        const { usage } = parsed.data;
        const cached = usage.cache_read_input_tokens ?? 0;
        return {
          text: parsed.data.content
            .filter((block) => block.type === "text")
            .map((block) => block.text ?? "")
            .join(""),
          model: parsed.data.model,
          // Anthropic counts cache reads and writes apart from input_tokens; we report all input together.
          usage: {
            inputTokens: usage.input_tokens + cached + (usage.cache_creation_input_tokens ?? 0),
            outputTokens: usage.output_tokens,
            cachedInputTokens: cached,
          },
        };
      } catch (error) {
        throw mapAnthropicError(error, params.apiKey);
      }
    },
  };
}
