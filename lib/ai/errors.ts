/**
 * Error codes raised by the AI library. The API layer maps each code to an HTTP status in its
 * one error table; the messages are safe to show to users (they never contain a key).
 *
 * - auth_failed: the provider rejected the key (401/403).
 * - rate_limited: the provider asked us to slow down (429); `retryAfterSeconds` when it said so.
 * - quota_exceeded: the account behind the key has no credit or hit a hard quota.
 * - model_not_found: the provider does not know the model we asked for.
 * - unreachable: no answer (DNS, refused connection, timeout, 5xx).
 * - invalid_response: the provider answered something we cannot read.
 * - unknown_model: the model is not in our registry or is inactive; we never guess a price.
 * - invalid_input: token counts, image size/quality or price values we cannot accept.
 */
export type AiErrorCode =
  | "auth_failed"
  | "rate_limited"
  | "quota_exceeded"
  | "model_not_found"
  | "unreachable"
  | "invalid_response"
  | "unknown_model"
  | "invalid_input";

export class AiError extends Error {
  readonly code: AiErrorCode;
  /** Seconds the provider asked us to wait (from `retry-after`), when known. */
  readonly retryAfterSeconds?: number;
  /** HTTP status the provider answered with, when there was one. */
  readonly providerStatus?: number;

  constructor(
    code: AiErrorCode,
    message: string,
    options: { retryAfterSeconds?: number; providerStatus?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AiError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.providerStatus = options.providerStatus;
  }

  /** Whether trying again later may succeed. */
  get retryable(): boolean {
    return this.code === "rate_limited" || this.code === "unreachable";
  }
}

export function isAiError(error: unknown): error is AiError {
  return error instanceof AiError;
}

/** Parses a `retry-after` header: delay in seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
