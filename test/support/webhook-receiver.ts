import http from "node:http";
import type { AddressInfo } from "node:net";
import * as route from "@/app/api/v1/integration/webhook/[platform]/route";

/** A delivery as it reached the receiver: the raw bytes and headers, and what the route answered. */
export type ReceivedDelivery = { url: string; raw: string; headers: Record<string, string>; status: number };

/**
 * A real HTTP endpoint in front of the webhook route handler, so a platform delivers over the
 * network (Ghost resolves webhook hosts through DNS only: its address is 127.0.0.1, never
 * localhost). Every delivery is kept, to be replayed or altered by a test.
 */
export async function startWebhookReceiver() {
  const deliveries: ReceivedDelivery[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    const response = await postToRoute(req.url ?? "/", raw, headers);
    deliveries.push({ url: req.url ?? "/", raw, headers, status: response.status });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, deliveries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Sends a delivery to the route handler directly, as the receiver does. */
export function postToRoute(path: string, raw: string, headers: Record<string, string>): Promise<Response> {
  const platform = /\/webhook\/([^/?]+)/.exec(path)?.[1] ?? "";
  return route.POST(new Request(`http://127.0.0.1${path}`, { method: "POST", headers, body: raw }), {
    params: Promise.resolve({ platform }),
  });
}

/** Polls `fn` until `ok`, at most `ms`; answers the last value either way. */
export async function waitFor<T>(fn: () => Promise<T> | T, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await fn();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    value = await fn();
  }
  return value;
}
