// End-to-end check of the IGNY8 Connector in a running WordPress: a local receiver, the plugin
// connected through its REST route with an Application Password, posts changed through WordPress's
// REST API, and signed deliveries verified with the standardwebhooks package.
//
//   node wordpress-plugin/tests/e2e-delivery.mjs INSTANCE_INFO_JSON
//   WP_TEST_URL=... WP_TEST_USERNAME=... WP_TEST_APP_PASSWORD=... node wordpress-plugin/tests/e2e-delivery.mjs
//
// The WordPress must have the plugin active and reach 127.0.0.1 (the receiver listens there).
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import {
  DELIVERY_TIMEOUT_MS,
  check,
  createWp,
  readSite,
  results,
  startReceiver,
  step,
  waitForDelivery,
} from "./e2e-delivery-support.mjs";

const site = readSite();
if (!site) {
  console.log("e2e-delivery: skipped (pass an instance info.json or set WP_TEST_URL, WP_TEST_USERNAME, WP_TEST_APP_PASSWORD)");
  process.exit(0);
}

const secret = `whsec_${randomBytes(32).toString("base64")}`;
const webhook = new Webhook(secret);
const auth = `Basic ${Buffer.from(`${site.username}:${site.password}`).toString("base64")}`;

/** Every request the receiver got: {id, headers, body, payload (verified) | error, status answered}. */
const received = [];
let answer = { status: 200, delayMs: 0 };

const receiver = await startReceiver(webhook, () => answer, received);
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/api/v1/integration/webhook/wordpress/`;
const wp = createWp(site, auth);
/** Waits for a verified delivery matching `match`; returns it. */
const delivery = (match, what) => waitForDelivery(received, match, what);

const is = (action, postId) => (p) => p.action === action && p.post_id === postId;

let postId;
try {
  await step("the plugin is active and answers its status route", async () => {
    const { status, json } = await wp("GET", "/igny8/v1/status");
    check(status === 200, `GET /igny8/v1/status: ${status} ${json.code ?? ""} (is the IGNY8 Connector active?)`);
    check(typeof json.version === "string", "status has a version");
  });

  await step("connect through the REST route with the Application Password", async () => {
    const { status, json } = await wp("POST", "/igny8/v1/connect", {
      body: { webhook_url: receiverUrl, secret, integration_id: "e2e-1", post_types: [] },
    });
    check(status === 200, `connect: ${status} ${JSON.stringify(json)}`);
    check(json.configured === true && json.webhook_url === receiverUrl, "configured with the receiver URL");
    check(!JSON.stringify(json).includes(secret.slice(6, 26)), "the secret is not echoed");
  });

  await step("creating a draft delivers post_created, signed", async () => {
    const created = await wp("POST", "/wp/v2/posts", { body: { title: "E2E draft", status: "draft" } });
    check(created.status === 201, `create: ${created.status}`);
    postId = created.json.id;
    const d = await delivery(is("post_created", postId), "post_created");
    check(d.payload.status === "draft" && d.payload.post_type === "post", "draft post");
    check(d.payload.site_url === new URL(site.url).origin || d.payload.site_url.startsWith(new URL(site.url).origin), `site_url ${d.payload.site_url}`);
    check(d.id === d.payload.event_id, "webhook-id is the event_id");
    check(d.payload.modified_gmt === created.json.modified_gmt, "modified_gmt equals what REST returned");
  });

  await step("updating delivers post_updated without slowing the request down", async () => {
    answer = { status: 200, delayMs: 3000 };
    const started = Date.now();
    const updated = await wp("POST", `/wp/v2/posts/${postId}`, { body: { title: "E2E draft, edited" } });
    const took = Date.now() - started;
    check(updated.status === 200, `update: ${updated.status}`);
    check(took < 1500, `the update took ${took} ms while the receiver needs 3 s`);
    await delivery(is("post_updated", postId), "post_updated");
    answer = { status: 200, delayMs: 0 };
  });

  await step("publishing delivers post_status_changed (draft → publish)", async () => {
    await wp("POST", `/wp/v2/posts/${postId}`, { body: { status: "publish" } });
    const d = await delivery(is("post_status_changed", postId), "post_status_changed");
    check(d.payload.status === "publish" && d.payload.previous_status === "draft", JSON.stringify(d.payload));
  });

  await step("trashing delivers post_trashed; restoring delivers post_untrashed", async () => {
    const trashed = await wp("DELETE", `/wp/v2/posts/${postId}`);
    check(trashed.status === 200 && trashed.json.status === "trash", `trash: ${trashed.status}`);
    await delivery(is("post_trashed", postId), "post_trashed");
    await wp("POST", `/wp/v2/posts/${postId}`, { body: { status: "draft" } });
    await delivery(is("post_untrashed", postId), "post_untrashed");
  });

  await step("deleting delivers post_deleted", async () => {
    const deleted = await wp("DELETE", `/wp/v2/posts/${postId}`, { query: { force: "true" } });
    check(deleted.status === 200 && deleted.json.deleted === true, `delete: ${deleted.status}`);
    await delivery(is("post_deleted", postId), "post_deleted");
  });

  await step("a change carrying X-IGNY8-Origin is delivered with origin igny8", async () => {
    const contentId = `e2e-${randomBytes(6).toString("hex")}`;
    const created = await wp("POST", "/wp/v2/posts", {
      headers: { "x-igny8-origin": "igny8" },
      body: { title: "Pushed by IGNY8", status: "publish", meta: { _igny8_content_id: contentId } },
    });
    check(created.status === 201, `create: ${created.status}`);
    const d = await delivery(is("post_created", created.json.id), "post_created (origin)");
    check(d.payload.origin === "igny8", `origin: ${d.payload.origin}`);
    check(d.payload.igny8_content_id === contentId, "content id in the payload");
    const found = await wp("GET", "/wp/v2/posts", { query: { igny8_content_id: contentId, context: "edit" } });
    check(found.status === 200 && found.json.length === 1 && found.json[0].id === created.json.id, "lookup by igny8_content_id");
    await wp("DELETE", `/wp/v2/posts/${created.json.id}`, { query: { force: "true" } });
  });

  await step("a stale X-IGNY8-Expected-Modified-GMT is refused with 409 igny8_conflict", async () => {
    const created = await wp("POST", "/wp/v2/posts", { body: { title: "Guarded", status: "publish" } });
    const id = created.json.id;
    const stale = new Date(Date.parse(`${created.json.modified_gmt}Z`) - 60_000).toISOString().slice(0, 19);
    const refused = await wp("POST", `/wp/v2/posts/${id}`, {
      headers: { "x-igny8-expected-modified-gmt": stale },
      body: { title: "Overwrite" },
    });
    check(refused.status === 409 && refused.json.code === "igny8_conflict", `stale: ${refused.status} ${refused.json.code}`);
    check(refused.json.data.modified_gmt === created.json.modified_gmt, "current modified_gmt in data");
    const accepted = await wp("POST", `/wp/v2/posts/${id}`, {
      headers: { "x-igny8-expected-modified-gmt": created.json.modified_gmt },
      body: { title: "Guarded, edited" },
    });
    check(accepted.status === 200, `current: ${accepted.status}`);
    await wp("DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
  });

  await step("while the receiver is down the event waits; flush delivers the same event", async () => {
    answer = { status: 503, delayMs: 0 };
    const created = await wp("POST", "/wp/v2/posts", { body: { title: "During an outage", status: "publish" } });
    const id = created.json.id;
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    while (!received.some((r) => r.payload?.post_id === id && r.status === 503)) {
      check(Date.now() < deadline, "no attempt during the outage");
      await new Promise((r) => setTimeout(r, 100));
    }
    const failedAttempt = received.find((r) => r.payload?.post_id === id);
    const status = await wp("GET", "/igny8/v1/status");
    const row = status.json.last_deliveries.find((d) => d.event_id === failedAttempt.id);
    check(row?.state === "retrying" && row.response_code === 503, `status shows the retry: ${JSON.stringify(row)}`);
    check(status.json.queue.pending >= 1, "pending in the queue");
    answer = { status: 200, delayMs: 0 };
    const flushed = await wp("POST", "/igny8/v1/flush");
    check(flushed.status === 200 && flushed.json.result.delivered >= 1, `flush: ${JSON.stringify(flushed.json.result)}`);
    const d = await delivery(is("post_created", id), "post_created after the outage");
    check(d.id === failedAttempt.id, "the retry is the same event (same webhook-id)");
    await wp("DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
  });

  await step("after an outage the plugin retries by itself (backoff 60 s) while the site gets visits", async () => {
    answer = { status: 503, delayMs: 0 };
    const created = await wp("POST", "/wp/v2/posts", { body: { title: "Retried by the plugin", status: "publish" } });
    const id = created.json.id;
    const deadline = Date.now() + 90_000;
    while (!received.some((r) => r.payload?.post_id === id && r.status === 503)) {
      check(Date.now() < deadline, "no attempt during the outage");
      await new Promise((r) => setTimeout(r, 100));
    }
    answer = { status: 200, delayMs: 0 };
    const failedAt = Date.now();
    while (!received.some((r) => r.payload?.post_id === id && r.status === 200)) {
      check(Date.now() < deadline, "the plugin did not retry within 90 s");
      await fetch(new URL("/", site.url)); // an ordinary page view
      await new Promise((r) => setTimeout(r, 2000));
    }
    const waited = Date.now() - failedAt;
    check(waited > 50_000, `retried after ${waited} ms, before the 60 s backoff`);
    await wp("DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
  });

  await step("each event was accepted once and every request verified", async () => {
    await new Promise((r) => setTimeout(r, 1500)); // let deliveries of the clean-up deletions land
    const accepted = received.filter((r) => r.status < 300).map((r) => r.id);
    check(new Set(accepted).size === accepted.length, "an event was delivered twice after being accepted");
    check(received.every((r) => !r.error), "a request failed signature verification");
  });
} finally {
  await wp("POST", "/igny8/v1/disconnect").catch(() => {});
  receiver.close();
}

console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
