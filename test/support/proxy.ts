import http from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP server on 127.0.0.1 with a random port, counting connections and requests. */
export type TestServer = {
  url: string;
  port: number;
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Requests seen so far (method, url and headers as received). */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close: () => Promise<void>;
};

export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ProxyHooks = {
  /** Answer without forwarding: return true when the hook has written the response. */
  intercept?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** Change the outgoing request headers before forwarding. */
  rewriteHeaders?: (headers: http.IncomingHttpHeaders) => http.IncomingHttpHeaders;
  /** Called with the upstream status; return "drop" to destroy the client connection instead of answering. */
  onUpstreamResponse?: (req: http.IncomingMessage, status: number) => "drop" | "pass";
  /** Wait this long before forwarding each request (a slow site). */
  delayMs?: number;
};

/**
 * A forwarding proxy in front of `target` (an http://127.0.0.1:PORT origin). `Link` and
 * `Location` headers naming the target are rewritten to the proxy, so discovery stays on it.
 */
export async function startProxy(target: string, hooks: ProxyHooks = {}): Promise<TestServer> {
  const targetUrl = new URL(target);
  let self: TestServer;
  const rewriteOrigin = (value: string | string[]) => {
    const swap = (v: string) => v.split(targetUrl.origin).join(self.url);
    return Array.isArray(value) ? value.map(swap) : swap(value);
  };
  self = await startServer(async (req, res) => {
    if (hooks.intercept?.(req, res)) return;
    if (hooks.delayMs) await new Promise((resolve) => setTimeout(resolve, hooks.delayMs));
    let headers: http.IncomingHttpHeaders = { ...req.headers, host: targetUrl.host };
    if (hooks.rewriteHeaders) headers = hooks.rewriteHeaders(headers);
    const upstream = http.request(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers },
      (up) => {
        if (hooks.onUpstreamResponse?.(req, up.statusCode ?? 0) === "drop") {
          up.resume();
          up.on("end", () => req.socket.destroy());
          return;
        }
        const out: http.OutgoingHttpHeaders = { ...up.headers };
        if (up.headers.link) out.link = rewriteOrigin(up.headers.link);
        if (up.headers.location) out.location = rewriteOrigin(up.headers.location) as string;
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  return self;
}

const WAF_PAGE = `<!DOCTYPE html><html><head><title>403 Forbidden</title></head>
<body><h1>Access denied</h1><p>This request was blocked by the security service.</p></body></html>`;

function isRestRequest(url: string | undefined): boolean {
  return /^\/wp-json(\/|$|\?)/.test(url ?? "") || /[?&]rest_route=/.test(url ?? "");
}

/** A web application firewall that answers every REST API request with a 403 HTML page. */
export function startWafProxy(target: string): Promise<TestServer> {
  return startProxy(target, {
    intercept: (req, res) => {
      if (!isRestRequest(req.url)) return false;
      req.resume();
      res.writeHead(403, { "content-type": "text/html; charset=UTF-8" }).end(WAF_PAGE);
      return true;
    },
  });
}

/** A server that drops the Authorization header before WordPress sees it (CGI/FastCGI setups do). */
export function startAuthStrippingProxy(target: string): Promise<TestServer> {
  return startProxy(target, {
    rewriteHeaders: (headers) => {
      const { authorization: _dropped, ...rest } = headers;
      return rest;
    },
  });
}

/**
 * Forwards requests but, for the first `count` matching ones, lets WordPress handle them and then
 * closes the connection without answering (the "did my create go through?" case).
 */
export function startResponseDroppingProxy(
  target: string,
  match: (req: http.IncomingMessage) => boolean,
  count = 1,
): Promise<TestServer> {
  let dropped = 0;
  return startProxy(target, {
    onUpstreamResponse: (req) => {
      if (dropped < count && match(req)) {
        dropped++;
        return "drop";
      }
      return "pass";
    },
  });
}

/**
 * Fails a deterministic share of requests (`rate`, 0..1): alternately a 503 with Retry-After: 0
 * and a connection reset. `seed` makes runs repeatable.
 */
export function startFaultProxy(target: string, rate: number, seed = 1): Promise<TestServer> {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  let faults = 0;
  return startProxy(target, {
    intercept: (req, res) => {
      if (next() >= rate) return false;
      req.resume();
      if (faults++ % 2 === 0) {
        res.writeHead(503, { "content-type": "text/html", "retry-after": "0" }).end("<h1>Service Unavailable</h1>");
      } else {
        req.socket.destroy();
      }
      return true;
    },
  });
}
