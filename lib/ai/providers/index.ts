import type { AiProviderId } from "../types";
import { createAnthropicProvider } from "./anthropic";
import { createBriaProvider } from "./bria";
import { createOpenAiProvider } from "./openai";
import { createRunwareProvider } from "./runware";
import type { AiProvider, ProviderOptions } from "./types";

const factories: Record<AiProviderId, (options?: ProviderOptions) => AiProvider> = {
  openai: createOpenAiProvider,
  anthropic: createAnthropicProvider,
  runware: createRunwareProvider,
  bria: createBriaProvider,
};

/** The adapter of one provider; base URL from `options`, else `<PROVIDER>_BASE_URL`, else the real API. */
export function getProvider(id: AiProviderId, options?: ProviderOptions): AiProvider {
  return factories[id](options);
}

export type * from "./types";
