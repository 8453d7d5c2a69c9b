import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AiError } from "../errors";
import {
  codeForStatus,
  fetchWithTimeout,
  imageFromBase64,
  keyTestFailure,
  parseSize,
  readJson,
  redactSecrets,
  retryAfterOf,
  trimBaseUrl,
} from "./http";
import type { AiProvider, GenerateImageParams, ProviderOptions } from "./types";

/** Runware's REST endpoint: one POST taking a JSON array of tasks. */
export const runwareDefaultBaseUrl = "https://api.runware.ai/v1";

const runwareErrorSchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  parameter: z.string().optional(),
});
const runwareBodySchema = z.object({
  data: z.array(z.record(z.string(), z.unknown())).optional(),
  errors: z.array(runwareErrorSchema).optional(),
});
const imageResultSchema = z.object({
  taskType: z.literal("imageInference"),
  taskUUID: z.string(),
  imageBase64Data: z.string().min(1),
  cost: z.number().nonnegative().optional(),
});

function codeForRunwareError(error: z.infer<typeof runwareErrorSchema>, status: number) {
  const text = `${error.code ?? ""} ${error.parameter ?? ""}`;
  if (status === 401 || status === 403 || /api.?key|auth/i.test(text)) return "auth_failed" as const;
  if (/credit|balance|quota|payment/i.test(text)) return "quota_exceeded" as const;
  if (status === 429 || /rate|too.?many/i.test(text)) return "rate_limited" as const;
  if (/model/i.test(text)) return "model_not_found" as const;
  return status >= 400 ? codeForStatus(status) : ("invalid_response" as const);
}

export function createRunwareProvider(options: ProviderOptions = {}): AiProvider {
  const baseUrl = () => trimBaseUrl(options.baseUrl ?? process.env.RUNWARE_BASE_URL ?? runwareDefaultBaseUrl);

  /** Sends tasks after an authentication task; returns the `data` items or throws `AiError`. */
  async function run(apiKey: string, tasks: object[], timeoutMs: number): Promise<Record<string, unknown>[]> {
    const response = await fetchWithTimeout(
      baseUrl(),
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify([{ taskType: "authentication", apiKey }, ...tasks]),
      },
      timeoutMs,
      "Runware",
    );
    if (response.status === 429) {
      throw new AiError("rate_limited", "Runware: too many requests", {
        providerStatus: 429,
        retryAfterSeconds: retryAfterOf(response),
      });
    }
    if (response.status >= 500) {
      throw new AiError("unreachable", `Runware answered HTTP ${response.status}`, { providerStatus: response.status });
    }
    const parsed = runwareBodySchema.safeParse(await readJson(response, "Runware"));
    if (!parsed.success) {
      throw new AiError("invalid_response", "Runware returned an unexpected response", {
        providerStatus: response.status,
      });
    }
    const [first] = parsed.data.errors ?? [];
    if (first || !response.ok) {
      const error = first ?? {};
      const message = `Runware: ${redactSecrets(error.message ?? `HTTP ${response.status}`, apiKey)}`;
      throw new AiError(codeForRunwareError(error, response.status), message, {
        providerStatus: response.status,
        retryAfterSeconds: retryAfterOf(response),
      });
    }
    return parsed.data.data ?? [];
  }

  return {
    id: "runware",

    async testKey(apiKey) {
      try {
        const data = await run(apiKey, [], options.timeoutMs ?? 15_000);
        if (!data.some((item) => item.taskType === "authentication")) {
          throw new AiError("invalid_response", "Runware did not confirm the authentication");
        }
        return { ok: true, message: "Key works" };
      } catch (error) {
        return keyTestFailure(error, apiKey);
      }
    },

    async generateImage(params: GenerateImageParams) {
      const { width, height } = parseSize(params.size);
      if (width % 64 || height % 64 || width < 128 || height < 128 || width > 2048 || height > 2048) {
        throw new AiError("invalid_input", "Runware image sides must be multiples of 64 between 128 and 2048");
      }
      const taskUUID = randomUUID();
      const data = await run(
        params.apiKey,
        [
          {
            taskType: "imageInference",
            taskUUID,
            positivePrompt: params.prompt,
            model: params.model,
            width,
            height,
            numberResults: 1,
            outputType: "base64Data",
            outputFormat: "PNG",
            includeCost: true,
          },
        ],
        options.timeoutMs ?? 120_000,
      );
      const item = data.find((d) => d.taskType === "imageInference" && d.taskUUID === taskUUID);
      const result = imageResultSchema.safeParse(item);
      if (!result.success) throw new AiError("invalid_response", "Runware returned no image for the task");
      return {
        image: imageFromBase64(result.data.imageBase64Data, "Runware"),
        ...(result.data.cost !== undefined ? { providerCostUsd: String(result.data.cost) } : {}),
      };
    },
  };
}
