import "server-only";
import type { Readable, Transform } from "node:stream";
import zlib from "node:zlib";
import { type Dispatcher, fetch as undiciFetch, request as undiciRequest } from "undici";
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

/** The content codings fetch would undo, as decoders (outermost coding last in the header, first undone). */
const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  "x-gzip": () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  deflate: () => zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  br: () => zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }),
};

/**
 * The whole body, decoded as fetch would (gzip, deflate, br), at most `maxBytes` once decoded: a
 * small compressed answer cannot unpack past the cap.
 */
async function readBody(
  body: Dispatcher.ResponseData["body"],
  encoding: string | undefined,
  maxBytes: number,
  url: URL,
): Promise<Uint8Array<ArrayBuffer>> {
  const codings = (encoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
  const decoders = codings.every((c) => c in DECODERS) ? codings.reverse().map((c) => DECODERS[c]()) : [];
  let source: Readable = body;
  for (const decoder of decoders) {
    source.on("error", (err: Error) => decoder.destroy(err));
    source = source.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      received += chunk.byteLength;
      if (received > maxBytes) throw tooLarge(url, maxBytes);
      chunks.push(chunk);
    }
  } finally {
    if (received > maxBytes || !body.readableEnded) body.destroy();
  }
  const whole = Buffer.concat(chunks, received);
  return new Uint8Array(whole.buffer as ArrayBuffer, whole.byteOffset, whole.byteLength);
}

type Hop = {
  status: number;
  statusText: string;
  headers: Headers;
  read(): Promise<BodyInit | null>;
  discard(): Promise<void>;
};

/**
 * One request with a body fetch would not have to stream (none, a string or bytes), through
 * undici's request API: the answer is read whole, without the web streams fetch wraps it in (a
 * third of fetch's CPU per call). Fetch's default headers go with it, and a string
 * body's content type.
 */
async function requestOnce(
  url: URL,
  init: {
    method: string;
    headers: Record<string, string>;
    body: string | Uint8Array | undefined;
    signal: AbortSignal;
    agent: Dispatcher;
    maxBytes: number;
  },
): Promise<Hop> {
  const headers: Record<string, string> = {
    accept: "*/*",
    "accept-encoding": "gzip, deflate, br",
    "accept-language": "*",
    "sec-fetch-mode": "cors",
    "user-agent": "undici",
    ...init.headers,
  };
  if (typeof init.body === "string" && !("content-type" in headers))
    headers["content-type"] = "text/plain;charset=UTF-8";
  const res = await undiciRequest(url, {
    method: init.method as Dispatcher.HttpMethod,
    headers,
    body: init.body,
    signal: init.signal,
    dispatcher: init.agent,
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(res.headers))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      responseHeaders.append(name, one);
  const hasBody = init.method !== "HEAD" && !NULL_BODY_STATUSES.has(res.statusCode);
  return {
    status: res.statusCode,
    statusText: "",
    headers: responseHeaders,
    read: async () =>
      hasBody
        ? readBody(res.body, responseHeaders.get("content-encoding") ?? undefined, init.maxBytes, url)
        : (await res.body.dump(), null),
    discard: () => res.body.dump().catch(() => {}),
  };
}

/** One request through fetch: bodies it must stream (streams, forms, blobs); the answer's body streams, capped. */
async function fetchOnce(
  url: URL,
  init: {
    method: string;
    headers: Record<string, string>;
    body: unknown;
    signal: AbortSignal;
    agent: Dispatcher;
    maxBytes: number;
    isTimedOut: () => boolean;
  },
): Promise<Hop> {
  const res = await undiciFetch(url, {
    method: init.method,
    headers: init.headers,
    body: init.body as never,
    redirect: "manual",
    signal: init.signal,
    dispatcher: init.agent,
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as Parameters<typeof undiciFetch>[1]);
  return {
    status: res.status,
    statusText: res.statusText,
    headers: new Headers(Array.from(res.headers)),
    read: async () =>
      res.body && !NULL_BODY_STATUSES.has(res.status)
        ? (limitBody(res.body as ReadableStream<Uint8Array>, init.maxBytes, url, init.isTimedOut) as BodyInit)
        : null,
    discard: async () => void (await res.body?.cancel().catch(() => {})),
  };
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
      const whole = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
      let res: Hop;
      try {
        res = whole
          ? await requestOnce(url, {
              method,
              headers,
              body: (body ?? undefined) as string | Uint8Array | undefined,
              signal,
              agent,
              maxBytes,
            })
          : await fetchOnce(url, { method, headers, body, signal, agent, maxBytes, isTimedOut });
      } catch (err) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw toEgressError(err, url, isTimedOut());
      }

      const location = res.headers.get("location");
      if (REDIRECT_STATUSES.has(res.status) && location) {
        await res.discard();
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
        await res.discard();
        throw tooLarge(url, maxBytes);
      }
      let content: BodyInit | null;
      try {
        content = await res.read();
      } catch (err) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw toEgressError(err, url, isTimedOut());
      }
      const response = new Response(content, { status: res.status, statusText: res.statusText, headers: res.headers });
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
