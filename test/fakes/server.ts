import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How a fake provider answers the next requests (a bad key always gets the provider's 401). */
export type FakeMode = "ok" | "rate_limited" | "quota" | "malformed" | "server_error";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON, or undefined. */
  body: unknown;
}

export interface Reply {
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  text(status: number, text: string, contentType: string, headers?: Record<string, string>): void;
}

export interface FakeServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  mode: FakeMode;
  /** The key the fake accepts. */
  validKey: string;
  close(): Promise<void>;
  /** Forgets recorded requests and goes back to mode "ok". */
  reset(): void;
}

/** A 1x1 PNG: what every fake returns as "the generated image". */
export const fakePngBase64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
export const fakePng = new Uint8Array(Buffer.from(fakePngBase64, "base64"));

export type FakeHandler = (request: RecordedRequest, reply: Reply, server: FakeServer) => void | Promise<void>;

/**
 * Starts a local HTTP server on 127.0.0.1 and a free port. `GET /files/<name>.png` serves the fake
 * PNG (providers that answer with an image URL point there); everything else goes to `handler`.
 */
export async function startFakeServer(validKey: string, handler: FakeHandler): Promise<FakeServer> {
  const fake: FakeServer = {
    origin: "",
    requests: [],
    mode: "ok",
    validKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    reset() {
      fake.requests.length = 0;
      fake.mode = "ok";
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody,
        body,
      };
      fake.requests.push(recorded);
      const reply = makeReply(res);
      if (recorded.method === "GET" && /^\/files\/[\w-]+\.png$/.test(recorded.path)) {
        res.writeHead(200, { "content-type": "image/png", "content-length": String(fakePng.byteLength) });
        res.end(Buffer.from(fakePng));
        return;
      }
      Promise.resolve(handler(recorded, reply, fake)).catch((error: unknown) => {
        reply.json(500, { fake_error: String(error) });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function makeReply(res: ServerResponse): Reply {
  return {
    json(status, body, headers = {}) {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(text);
    },
    text(status, text, contentType, headers = {}) {
      res.writeHead(status, { "content-type": contentType, ...headers });
      res.end(text);
    },
  };
}

/** A JSON body cut off half-way: what a broken proxy or gateway sends. */
export const truncatedJson = '{"object": "list", "data": [{"id": ';

/** An origin on which nothing listens (a port we bound and released). */
export async function closedOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
