import "server-only";

/**
 * Why an egress call failed.
 * - `invalid_url`: not an absolute http(s) URL.
 * - `blocked_address`: the host is, or resolves to, a non-public address (SSRF guard).
 * - `unreachable`: DNS, connection refused, timeout, TLS or a dropped connection (see `reason`).
 * - `too_many_redirects`: more hops than `maxRedirects`.
 * - `response_too_large`: the body passed `maxBytes`.
 */
export type EgressErrorCode =
  "invalid_url" | "blocked_address" | "unreachable" | "too_many_redirects" | "response_too_large";

/** What kind of network failure an `unreachable` error was. */
export type UnreachableReason = "dns" | "refused" | "timeout" | "tls" | "reset" | "network";

export class EgressError extends Error {
  readonly code: EgressErrorCode;
  readonly reason?: UnreachableReason;
  readonly host?: string;
  /** True when trying again later may succeed (timeouts, resets). */
  readonly retryable: boolean;

  constructor(
    code: EgressErrorCode,
    message: string,
    opts: { reason?: UnreachableReason; host?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "EgressError";
    this.code = code;
    this.reason = opts.reason;
    this.host = opts.host;
    this.retryable = opts.reason === "timeout" || opts.reason === "reset";
  }
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|HOSTNAME_MISMATCH|ERR_OSSL)/;

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Maps undici/Node network failures to `EgressError("unreachable")` with a readable message. */
export function toEgressError(err: unknown, url: URL, timedOut: boolean): EgressError {
  const chain = causeChain(err);
  const own = chain.find((e) => e instanceof EgressError);
  if (own) return own as EgressError;
  const host = url.host;
  if (timedOut) {
    return new EgressError("unreachable", `${host} did not answer in time.`, { reason: "timeout", host, cause: err });
  }
  const codes = chain.map((e) => String((e as { code?: unknown }).code ?? ""));
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  if (has("ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME")) {
    return new EgressError("unreachable", `The host name ${url.hostname} could not be found (DNS).`, {
      reason: "dns",
      host,
      cause: err,
    });
  }
  if (has("ECONNREFUSED")) {
    return new EgressError("unreachable", `${host} refused the connection.`, { reason: "refused", host, cause: err });
  }
  if (has("UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT")) {
    return new EgressError("unreachable", `${host} did not answer in time.`, { reason: "timeout", host, cause: err });
  }
  if (codes.some((c) => TLS_CODE.test(c))) {
    const detail = chain.map((e) => (e as Error).message).find((m) => m && m !== "fetch failed") ?? "";
    return new EgressError("unreachable", `The secure connection to ${host} failed (TLS): ${detail}`, {
      reason: "tls",
      host,
      cause: err,
    });
  }
  if (
    has("ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED") ||
    chain.some((e) => (e as Error).message === "terminated")
  ) {
    return new EgressError("unreachable", `${host} closed the connection unexpectedly.`, {
      reason: "reset",
      host,
      cause: err,
    });
  }
  const detail =
    chain
      .map((e) => (e as Error).message)
      .filter(Boolean)
      .pop() ?? "network error";
  return new EgressError("unreachable", `Could not reach ${host}: ${detail}`, { reason: "network", host, cause: err });
}

export function tooLarge(url: URL, maxBytes: number): EgressError {
  return new EgressError("response_too_large", `The response from ${url.host} is larger than ${maxBytes} bytes.`, {
    host: url.host,
  });
}
