import "server-only";
import { fetch as undiciFetch } from "undici";
import { createEgressAgent, assertLiteralAllowed, defaultPort, getDefaultAgent, type ResolveHost } from "./addresses";
import { EgressError, toEgressError, tooLarge } from "./errors";

export { EgressError, toEgressError, type EgressErrorCode, type UnreachableReason } from "./errors";
export { isAllowListed, isPublicAddress, type ResolveHost } from "./addresses";

/**
 * The one way the server talks to user-supplied URLs (WordPress sites, image URLs, ...).
 * Every address is checked at connect time (so DNS rebinding cannot slip through), IP literals
 * in any notation are checked after WHATWG normalisation, redirects are followed by hand and
 * re-checked hop by hop, credentials never cross origins, and every call has a timeout and a
 * response size cap. `EGRESS_ALLOW` (comma-separated `host` or `host:port`) is the only exception.
 */

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
  const {
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxBytes = DEFAULT_MAX_BYTES,
    maxRedirects = DEFAULT_MAX_REDIRECTS,
    resolveHost,
    signal: callerSignal,
    ...requestInit
  } = init;
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
          throw new EgressError("too_many_redirects", `${url.host} redirected more than ${maxRedirects} times.`, {
            host: url.host,
          });
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
      const limited =
        res.body && !NULL_BODY_STATUSES.has(res.status)
          ? limitBody(res.body as ReadableStream<Uint8Array>, maxBytes, url, isTimedOut)
          : null;
      const response = new Response(limited, {
        status: res.status,
        statusText: res.statusText,
        headers: Array.from(res.headers),
      });
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
