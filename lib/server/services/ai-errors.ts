import "server-only";
import { isAiError, type AiError } from "@/lib/ai/errors";
import type { AiProviderId } from "@/lib/ai/types";
import { ApiError } from "../api/errors";

const providerNames: Record<AiProviderId, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  runware: "Runware",
  bria: "Bria",
};
export const providerName = (provider: AiProviderId) => providerNames[provider];

/** What the user can do about each provider error. */
function fixFor(error: AiError, provider?: AiProviderId): string | undefined {
  const name = provider ? providerNames[provider] : "the provider";
  switch (error.code) {
    case "auth_failed":
      return `Paste a valid ${name} key under Settings → Integrations → AI providers, then press Test.`;
    case "quota_exceeded":
      return `Add credit or raise the quota of the ${name} account behind the key.`;
    case "rate_limited":
      return error.retryAfterSeconds ? `Try again in ${error.retryAfterSeconds} seconds.` : "Try again in a minute.";
    case "model_not_found":
      return `The key's ${name} account cannot use this model: pick another model or enable it with ${name}.`;
    case "unreachable":
      return `${name} did not answer. Try again; if it persists, check the provider's status page or the *_BASE_URL setting.`;
    case "invalid_response":
      return `${name} answered something we could not read. Try again; if a gateway sits in between, check it.`;
    case "unknown_model":
      return "GET /api/v1/ai/models/ lists the active models.";
    default:
      return undefined;
  }
}

/** Turns an error of the AI library into the API's error (anything else is rethrown untouched). */
export function toApiError(error: unknown, provider?: AiProviderId): unknown {
  if (!isAiError(error)) return error;
  const fix = fixFor(error, provider);
  if (error.code === "invalid_input") return new ApiError("validation_error", error.message);
  return new ApiError(error.code, error.message, {
    ...(fix ? { fix } : {}),
    ...(error.code === "rate_limited" && error.retryAfterSeconds
      ? { headers: { "retry-after": String(error.retryAfterSeconds) } }
      : {}),
  });
}

/** Runs `fn`, translating AI library errors for the API. */
export async function withAiErrors<T>(fn: () => Promise<T>, provider?: AiProviderId): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toApiError(error, provider);
  }
}
