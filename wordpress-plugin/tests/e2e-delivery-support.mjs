// Helpers of e2e-delivery.mjs: the site it talks to, the local receiver of signed deliveries,
// WordPress REST calls through ?rest_route=, and the step runner that counts what passed.
import { readFileSync } from "node:fs";
import http from "node:http";

/** How long a step waits for a delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** The site from an instance info.json (argv[2]) or WP_TEST_URL, WP_TEST_USERNAME, WP_TEST_APP_PASSWORD; null without either. */
export function readSite() {
  const infoPath = process.argv[2];
  if (infoPath) {
    const info = JSON.parse(readFileSync(infoPath, "utf8"));
    return { url: info.url, username: info.username, password: info.applicationPassword };
  }
  const { WP_TEST_URL, WP_TEST_USERNAME, WP_TEST_APP_PASSWORD } = process.env;
  if (!WP_TEST_URL || !WP_TEST_USERNAME || !WP_TEST_APP_PASSWORD) return null;
  return { url: WP_TEST_URL, username: WP_TEST_USERNAME, password: WP_TEST_APP_PASSWORD };
}

/**
 * Starts the receiver on 127.0.0.1: each request is verified with `webhook`, pushed to `received`
 * ({id, headers, body, payload (verified) | error, status answered}) and answered as `getAnswer()` says.
 */
export async function startReceiver(webhook, getAnswer, received) {
  const receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const answer = getAnswer();
      const body = Buffer.concat(chunks).toString("utf8");
      const entry = { id: req.headers["webhook-id"], headers: req.headers, body, status: answer.status };
      try {
        entry.payload = webhook.verify(body, req.headers);
      } catch (e) {
        entry.error = String(e.message ?? e);
        entry.status = 401;
      }
      received.push(entry);
      setTimeout(() => res.writeHead(entry.status, { "content-type": "text/plain" }).end("ok"), answer.delayMs);
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return receiver;
}

/** How many steps passed and failed. */
export const results = { passed: 0, failed: 0 };

/** Runs one named step and logs ok or FAIL; a failure does not stop the run. */
export async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

/** Throws `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** WordPress REST calls through ?rest_route= (works with any permalink setting). */
export function createWp(site, auth) {
  return async function wp(method, route, { body, headers = {}, query = {} } = {}) {
    const url = new URL(site.url);
    url.pathname = url.pathname.replace(/\/?$/, "/");
    url.searchParams.set("rest_route", route);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const res = await fetch(url, {
      method,
      headers: { authorization: auth, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${route}: expected JSON, got ${res.status} ${text.slice(0, 120)}`);
    }
    return { status: res.status, json };
  };
}

/** Waits for a verified delivery in `received` matching `match`; returns it. */
export async function waitForDelivery(received, match, what) {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  for (;;) {
    const hit = received.find((r) => r.payload && r.status < 300 && match(r.payload));
    if (hit) return hit;
    const bad = received.find((r) => r.error);
    check(!bad, `a delivery failed verification: ${bad?.error}`);
    check(Date.now() < deadline, `no ${what} delivery within ${DELIVERY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
