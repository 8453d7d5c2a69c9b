import "server-only";
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";

/**
 * The one way the server talks to user-supplied URLs (WordPress sites, image URLs, ...).
 * Every address is checked at connect time (so DNS rebinding cannot slip through), IP literals
 * in any notation are checked after WHATWG normalisation, redirects are followed by hand and
 * re-checked hop by hop, credentials never cross origins, and every call has a timeout and a
 * response size cap. `EGRESS_ALLOW` (comma-separated `host` or `host:port`) is the only exception.
 */

/**
 * Why an egress call failed.
 * - `invalid_url`: not an absolute http(s) URL.
 * - `blocked_address`: the host is, or resolves to, a non-public address (SSRF guard).
 * - `unreachable`: DNS, connection refused, timeout, TLS or a dropped connection (see `reason`).
 * - `too_many_redirects`: more hops than `maxRedirects`.
 * - `response_too_large`: the body passed `maxBytes`.
 */
export type EgressErrorCode =
  | "invalid_url"
  | "blocked_address"
  | "unreachable"
  | "too_many_redirects"
  | "response_too_large";

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

/** Resolves a host name to every address it has (used instead of the system resolver in tests). */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export type EgressInit = RequestInit & {
  /** Whole call, all hops and the body included. Default 15 s. */
  timeoutMs?: number;
  /** Response body cap in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Custom resolver; every address it returns is still checked. */
  resolveHost?: ResolveHost;
};

export type EgressFetch = (url: string | URL, init?: EgressInit) => Promise<Response>;

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/** True only for globally routable unicast addresses (ipaddr.js range `unicast`). */
export function isPublicAddress(address: string): boolean {
  const bare = stripBrackets(address);
  if (!ipaddr.isValid(bare)) return false;
  // Mapped/translated IPv6 forms (::ffff:a.b.c.d, 64:ff9b::/96, 6to4, teredo) are not `unicast`.
  return ipaddr.parse(bare).range() === "unicast";
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function normaliseHost(host: string): string {
  const bare = stripBrackets(host.toLowerCase());
  return ipaddr.isValid(bare) && bare.includes(":") ? ipaddr.parse(bare).toString() : bare;
}

type AllowEntry = { host: string; port: number | null };

function parseAllowList(raw: string | undefined): AllowEntry[] {
  const entries: AllowEntry[] = [];
  for (const item of (raw ?? "").split(",")) {
    const entry = item.trim();
    if (!entry) continue;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (match) {
      let host = match[1];
      try {
        host = new URL(`http://${host}`).hostname; // same normalisation as request URLs
      } catch {
        continue;
      }
      entries.push({ host: normaliseHost(host), port: match[2] ? Number(match[2]) : null });
    } else if (ipaddr.isValid(entry)) {
      entries.push({ host: normaliseHost(entry), port: null }); // bare IPv6
    }
  }
  return entries;
}

/** Whether `EGRESS_ALLOW` (read on every call) lets this host and port through unchecked. */
export function isAllowListed(host: string, port: number): boolean {
  const wanted = normaliseHost(host);
  return parseAllowList(process.env.EGRESS_ALLOW).some(
    (e) => e.host === wanted && (e.port === null || e.port === port),
  );
}

function blockedError(host: string, address?: string): EgressError {
  const shown = stripBrackets(host);
  const detail = address && address !== shown ? ` (it resolves to ${address})` : "";
  return new EgressError(
    "blocked_address",
    `Refusing to connect to ${shown}${detail}: only public internet addresses are allowed.`,
    { host: shown },
  );
}

function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

/** Throws `blocked_address` for an IP-literal host that is not public and not allow-listed. */
function assertLiteralAllowed(hostname: string, port: number): void {
  const bare = stripBrackets(hostname);
  if (net.isIP(bare) === 0 || isAllowListed(bare, port)) return;
  if (!isPublicAddress(bare)) throw blockedError(hostname);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

function systemResolve(hostname: string): Promise<dns.LookupAddress[]> {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

/** A `net.connect` lookup that refuses the whole host if any of its addresses is not public. */
function createGuardedLookup(resolve: ResolveHost) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        if (usable.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          err.code = "ENOTFOUND";
          return callback(err, "");
        }
        const bad = usable.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(blockedError(hostname, bad.address), "");
        if (options.all) return callback(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}

type ConnectOptions = Parameters<ReturnType<typeof buildConnector>>[0];
type ConnectCallback = Parameters<ReturnType<typeof buildConnector>>[1];

/** An undici Agent whose every new connection goes through the address checks. */
function createEgressAgent(resolve: ResolveHost): Agent {
  const guarded = buildConnector({ lookup: createGuardedLookup(resolve) } as buildConnector.BuildOptions);
  const open = buildConnector({});
  return new Agent({
    connect: (opts: ConnectOptions, callback: ConnectCallback) => {
      const port = Number(opts.port) || defaultPort(opts.protocol);
      if (isAllowListed(opts.hostname, port)) return open(opts, callback);
      try {
        assertLiteralAllowed(opts.hostname, port);
      } catch (err) {
        return callback(err as Error, null);
      }
      return guarded(opts, callback);
    },
  });
}

const globalForEgress = globalThis as unknown as { egressAgent?: Agent };

function getDefaultAgent(): Agent {
  globalForEgress.egressAgent ??= createEgressAgent(systemResolve);
  return globalForEgress.egressAgent;
}

function parseTarget(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EgressError("invalid_url", `Not a valid URL: ${String(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new EgressError("invalid_url", `Only http and https URLs are allowed, not ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) {
    throw new EgressError("invalid_url", "URLs with a user name or password in them are not allowed.");
  }
  return parsed;
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
    return new EgressError("unreachable", `The host name ${url.hostname} could not be found (DNS).`, { reason: "dns", host, cause: err });
  }
  if (has("ECONNREFUSED")) {
    return new EgressError("unreachable", `${host} refused the connection.`, { reason: "refused", host, cause: err });
  }
  if (has("UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT")) {
    return new EgressError("unreachable", `${host} did not answer in time.`, { reason: "timeout", host, cause: err });
  }
  if (codes.some((c) => TLS_CODE.test(c))) {
    const detail = chain.map((e) => (e as Error).message).find((m) => m && m !== "fetch failed") ?? "";
    return new EgressError("unreachable", `The secure connection to ${host} failed (TLS): ${detail}`, { reason: "tls", host, cause: err });
  }
  if (has("ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED") || chain.some((e) => (e as Error).message === "terminated")) {
    return new EgressError("unreachable", `${host} closed the connection unexpectedly.`, { reason: "reset", host, cause: err });
  }
  const detail = chain.map((e) => (e as Error).message).filter(Boolean).pop() ?? "network error";
  return new EgressError("unreachable", `Could not reach ${host}: ${detail}`, { reason: "network", host, cause: err });
}

/** Counts bytes as they stream and fails the body past the cap; maps mid-body network errors. */
function limitBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  url: URL,
  isTimedOut: () => boolean,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        received += value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => {});
          return controller.error(tooLarge(url, maxBytes));
        }
        controller.enqueue(value);
      } catch (err) {
        controller.error(toEgressError(err, url, isTimedOut()));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function tooLarge(url: URL, maxBytes: number): EgressError {
  return new EgressError("response_too_large", `The response from ${url.host} is larger than ${maxBytes} bytes.`, { host: url.host });
}

function toHeaderRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    record[key] = value;
  });
  return record;
}

/**
 * `fetch` for user-supplied URLs. Throws `EgressError` (see its codes); HTTP error statuses are
 * returned as responses. The returned `Response.url` is the final URL after redirects.
 */
export const egressFetch: EgressFetch = async (input, init = {}) => {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES, maxRedirects = DEFAULT_MAX_REDIRECTS, resolveHost, signal: callerSignal, ...requestInit } = init;
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
  const agent = resolveHost ? createEgressAgent(resolveHost) : getDefaultAgent();
  const isTimedOut = () => timeoutSignal.aborted;

  let url = parseTarget(input);
  let method = (requestInit.method ?? "GET").toUpperCase();
  let body = requestInit.body;
  const headers = toHeaderRecord(requestInit.headers);

  try {
    for (let hop = 0; ; hop++) {
      assertLiteralAllowed(url.hostname, Number(url.port) || defaultPort(url.protocol));
      let res: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        res = await undiciFetch(url, {
          method,
          headers,
          body: body as never,
          redirect: "manual",
          signal,
          dispatcher: agent,
          ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
        } as Parameters<typeof undiciFetch>[1]);
      } catch (err) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw toEgressError(err, url, isTimedOut());
      }

      const location = res.headers.get("location");
      if (REDIRECT_STATUSES.has(res.status) && location) {
        await res.body?.cancel().catch(() => {});
        if (hop >= maxRedirects) {
          throw new EgressError("too_many_redirects", `${url.host} redirected more than ${maxRedirects} times.`, { host: url.host });
        }
        const next = parseTarget(new URL(location, url));
        if (next.origin !== url.origin) for (const h of CREDENTIAL_HEADERS) delete headers[h];
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
          method = method === "HEAD" ? "HEAD" : "GET";
          body = undefined;
          delete headers["content-type"];
          delete headers["content-length"];
        }
        url = next;
        continue;
      }

      const declared = Number(res.headers.get("content-length") ?? "0");
      if (declared > maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw tooLarge(url, maxBytes);
      }
      const limited = res.body && !NULL_BODY_STATUSES.has(res.status) ? limitBody(res.body as ReadableStream<Uint8Array>, maxBytes, url, isTimedOut) : null;
      const response = new Response(limited, { status: res.status, statusText: res.statusText, headers: Array.from(res.headers) });
      Object.defineProperty(response, "url", { value: url.toString() });
      return response;
    }
  } finally {
    if (resolveHost) {
      // A one-off agent for a custom resolver: let it go once the caller is done with it.
      setTimeout(() => void agent.close().catch(() => {}), timeoutMs).unref();
    }
  }
};
