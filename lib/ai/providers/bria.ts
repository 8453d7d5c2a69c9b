import { z } from "zod";
import { AiError } from "../errors";
import {
  codeForStatus,
  downloadImage,
  fetchWithTimeout,
  keyTestFailure,
  parseSize,
  readJson,
  redactSecrets,
  retryAfterOf,
  trimBaseUrl,
} from "./http";
import type { AiProvider, GenerateImageParams, ProviderOptions } from "./types";

export const briaDefaultBaseUrl = "https://engine.prod.bria-api.com/v1";

/** Aspect ratios Bria's v1 text-to-image accepts. */
const aspectRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9"] as const;

/** The supported aspect ratio closest to a "WIDTHxHEIGHT" size. */
export function briaAspectRatio(size: string): (typeof aspectRatios)[number] {
  const { width, height } = parseSize(size);
  const target = Math.log(width / height);
  let best: (typeof aspectRatios)[number] = "1:1";
  let bestDistance = Infinity;
  for (const ratio of aspectRatios) {
    const [w, h] = ratio.split(":").map(Number);
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) [best, bestDistance] = [ratio, distance];
  }
  return best;
}

const generationSchema = z.object({
  result: z.array(z.object({ urls: z.array(z.string().min(1)).min(1) }).passthrough()).min(1),
});

function briaMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  for (const value of [b.message, b.detail, b.error, (b.error as Record<string, unknown> | undefined)?.message]) {
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

export function createBriaProvider(options: ProviderOptions = {}): AiProvider {
  const baseUrl = () => trimBaseUrl(options.baseUrl ?? process.env.BRIA_BASE_URL ?? briaDefaultBaseUrl);

  async function call(apiKey: string, path: string, init: RequestInit, timeoutMs: number): Promise<unknown> {
    const response = await fetchWithTimeout(
      `${baseUrl()}${path}`,
      { ...init, headers: { api_token: apiKey, accept: "application/json", ...(init.headers ?? {}) } },
      timeoutMs,
      "Bria",
    );
    if (response.ok) return readJson(response, "Bria");
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      body = undefined;
    }
    const detail = briaMessage(body) ?? `HTTP ${response.status}`;
    throw new AiError(codeForStatus(response.status), `Bria: ${redactSecrets(detail, apiKey)}`, {
      providerStatus: response.status,
      retryAfterSeconds: response.status === 429 ? retryAfterOf(response) : undefined,
    });
  }

  return {
    id: "bria",

    async testKey(apiKey) {
      try {
        // Listing the account's tailored models is free and needs a valid token.
        const body = await call(apiKey, "/tailored-gen/models", { method: "GET" }, options.timeoutMs ?? 15_000);
        if (!Array.isArray(body)) throw new AiError("invalid_response", "Bria returned an unexpected model list");
        return { ok: true, message: "Key works" };
      } catch (error) {
        return keyTestFailure(error, apiKey);
      }
    },

    async generateImage(params: GenerateImageParams) {
      // Registry ids look like "base/2.3" or "fast/2.3": the pipeline, then the model version.
      if (!/^(base|fast|hd)\/\d+(\.\d+)?$/.test(params.model)) {
        throw new AiError("model_not_found", `Bria model ${params.model} is not of the form pipeline/version`);
      }
      const timeoutMs = options.timeoutMs ?? 120_000;
      const body = await call(
        params.apiKey,
        `/text-to-image/${params.model}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            prompt: params.prompt,
            num_results: 1,
            aspect_ratio: briaAspectRatio(params.size),
            sync: true,
          }),
        },
        timeoutMs,
      );
      const parsed = generationSchema.safeParse(body);
      if (!parsed.success) throw new AiError("invalid_response", "Bria returned no image URL");
      return { image: await downloadImage(parsed.data.result[0].urls[0], timeoutMs, "Bria") };
    },
  };
}
