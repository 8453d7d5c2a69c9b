import { AiError, isAiError, parseRetryAfter, type AiErrorCode } from "../errors";
import type { GeneratedImage, KeyTestResult } from "./types";

const maxImageBytes = 25 * 1024 * 1024;

/** Removes a key (and anything shaped like a provider key) from text that came from a provider. */
export function redactSecrets(text: string, apiKey?: string): string {
  let out = text;
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join("[redacted]");
  return out.replace(/\b(sk|sk-ant|sk-proj)-[A-Za-z0-9_\-*.]{4,}/g, "[redacted]");
}

export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Turns any failure of a key test into a result the UI can show. */
export function keyTestFailure(error: unknown, apiKey: string): KeyTestResult {
  if (isAiError(error)) {
    return {
      ok: false,
      code: error.code,
      message: redactSecrets(error.message, apiKey),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  throw error;
}

/** Maps an HTTP status to our code for providers without an SDK. */
export function codeForStatus(status: number): AiErrorCode {
  if (status === 401 || status === 403) return "auth_failed";
  if (status === 402) return "quota_exceeded";
  if (status === 404) return "model_not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unreachable";
  return "invalid_response";
}

/** fetch with a timeout; network failures become `unreachable`. */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "could not connect";
    throw new AiError("unreachable", `${what}: ${reason}`, { cause: error });
  }
}

/** Reads a JSON body; anything else is `invalid_response`. */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AiError("invalid_response", `${what} answered HTTP ${response.status} with a body that is not JSON`, {
      providerStatus: response.status,
    });
  }
}

export function retryAfterOf(response: Response): number | undefined {
  return parseRetryAfter(response.headers.get("retry-after"));
}

/** Downloads a generated image from the provider's (expiring) URL. */
export async function downloadImage(url: string, timeoutMs: number, what: string): Promise<GeneratedImage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AiError("invalid_response", `${what} returned an image URL we cannot read`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new AiError("invalid_response", `${what} returned a non-HTTP image URL`);
  }
  const response = await fetchWithTimeout(parsed.href, { redirect: "follow" }, timeoutMs, `${what} image download`);
  if (!response.ok) {
    throw new AiError("invalid_response", `${what} image download failed with HTTP ${response.status}`, {
      providerStatus: response.status,
    });
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!contentType.startsWith("image/")) {
    throw new AiError(
      "invalid_response",
      `${what} image download returned ${contentType || "no content type"}, not an image`,
    );
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxImageBytes) throw new AiError("invalid_response", `${what} image is larger than 25 MB`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0 || bytes.byteLength > maxImageBytes) {
    throw new AiError("invalid_response", `${what} image is empty or larger than 25 MB`);
  }
  return { bytes, contentType };
}

/** Decodes base64 image data and names its type from the magic bytes. */
export function imageFromBase64(data: string, what: string): GeneratedImage {
  const bytes = new Uint8Array(Buffer.from(data.replace(/^data:[^,]*,/, ""), "base64"));
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new AiError("invalid_response", `${what} returned image data that is not PNG, JPEG or WebP`);
  return { bytes, contentType };
}

export function sniffImageType(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (
    bytes.length >= 12 &&
    Buffer.from(bytes.subarray(0, 4)).toString() === "RIFF" &&
    Buffer.from(bytes.subarray(8, 12)).toString() === "WEBP"
  ) {
    return "image/webp";
  }
  return undefined;
}

/** "1024x1792" → {width, height}; invalid sizes are `invalid_input`. */
export function parseSize(size: string): { width: number; height: number } {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(size);
  if (!match) throw new AiError("invalid_input", `Image size ${size} must look like 1024x1024`);
  return { width: Number(match[1]), height: Number(match[2]) };
}
