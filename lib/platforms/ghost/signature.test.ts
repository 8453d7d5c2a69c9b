import { createHmac } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import deliveries from "./fixtures/webhook-deliveries.json";
import { createTokenSource, ghostCredentialsSchema, readKey, signAdminToken } from "./auth";
import { signGhostDelivery, verifyGhostSignature } from "./signature";
import { ghostWebhooks } from "./webhooks";

const KEY = `${"6b130bd11657907ecafc6b09"}:${"d2".repeat(32)}`;

describe("Admin API key and token", () => {
  it("accepts id:secret in hex only, with a message that says where the key is", () => {
    expect(ghostCredentialsSchema.safeParse({ admin_api_key: KEY }).success).toBe(true);
    for (const bad of ["", "abc", `${KEY}0`, KEY.replace(":", "-"), `zz${KEY.slice(2)}`]) {
      const parsed = ghostCredentialsSchema.safeParse({ admin_api_key: bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].message).toMatch(/24 hex characters, a colon, 64 hex/);
    }
    expect(() => readKey({ admin_api_key: "nope" })).toThrow(expect.objectContaining({ code: "auth_failed" }));
  });

  it("signs HS256 with the hex-decoded secret, kid, aud /admin/, and a 5-minute life from now", async () => {
    const key = readKey({ admin_api_key: KEY });
    const now = Date.now();
    const token = await signAdminToken(key, now);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT", kid: "6b130bd11657907ecafc6b09" });
    const { payload } = await jwtVerify(token, Buffer.from("d2".repeat(32), "hex"), { audience: "/admin/" });
    expect(payload.iat).toBe(Math.floor(now / 1000));
    expect(payload.exp! - payload.iat!).toBe(300);
    // The secret's text (not its bytes) does not verify it.
    await expect(jwtVerify(token, new TextEncoder().encode("d2".repeat(32)))).rejects.toThrow();
  });

  it("reuses a token for two minutes, then signs a new one well inside Ghost's 5-minute window", async () => {
    let now = 1_700_000_000_000;
    const source = createTokenSource(readKey({ admin_api_key: KEY }), () => now);
    const first = await source();
    now += 60_000;
    expect(await source()).toBe(first);
    now += 61_000;
    expect(await source()).not.toBe(first);
  });
});

describe("X-Ghost-Signature", () => {
  const raw = '{"post":{"current":{"id":"6b1612725d49385aa7291978"},"previous":{}}}';
  const at = (header: string) => new Headers({ "x-ghost-signature": header });

  it("verifies deliveries a real Ghost signed (with the time they were sent)", () => {
    for (const d of deliveries) {
      const t = Number(/t=(\d+)/.exec(d.signature)![1]);
      expect(verifyGhostSignature(d.raw, at(d.signature), [d.secret], t + 1_000)).toBe(true);
      expect(verifyGhostSignature(d.raw, at(d.signature), ["another"], t + 1_000)).toBe(false);
    }
  });

  it("is HMAC-SHA256 of the raw body then t; a changed body, a bad or stale signature fail", () => {
    const t = Date.now();
    const header = signGhostDelivery(raw, "s3cret", t);
    const hex = createHmac("sha256", "s3cret").update(`${raw}${t}`).digest("hex");
    expect(header).toBe(`sha256=${hex}, t=${t}`);
    expect(verifyGhostSignature(raw, at(header), ["s3cret"])).toBe(true);
    expect(verifyGhostSignature(`${raw} `, at(header), ["s3cret"])).toBe(false);
    const changed = `${hex[0] === "0" ? "1" : "0"}${hex.slice(1)}`;
    expect(verifyGhostSignature(raw, at(`sha256=${changed}, t=${t}`), ["s3cret"])).toBe(false);
    expect(verifyGhostSignature(raw, at(`sha256=${hex}`), ["s3cret"])).toBe(false);
    expect(verifyGhostSignature(raw, new Headers(), ["s3cret"])).toBe(false);
    const old = signGhostDelivery(raw, "s3cret", t - 5 * 60_000 - 1_000);
    expect(verifyGhostSignature(raw, at(old), ["s3cret"])).toBe(false);
  });

  it("accepts the old and the new secret while one is rotated, and only those", () => {
    const header = signGhostDelivery(raw, "old-secret");
    expect(verifyGhostSignature(raw, at(header), ["new-secret", "old-secret"])).toBe(true);
    expect(verifyGhostSignature(raw, at(header), ["new-secret"])).toBe(false);
    expect(verifyGhostSignature(raw, at(header), [])).toBe(false);
  });
});

describe("ghostWebhooks.parse and deliveryId", () => {
  it("reads real deliveries: added (a new post published at once reads as added), edited, deleted", () => {
    const hints = deliveries.map((d) => {
      const parsed = ghostWebhooks.parse(JSON.parse(d.raw));
      if (!parsed.ok) throw new Error(parsed.problem);
      return parsed.hints;
    });
    const id = (JSON.parse(deliveries[5].raw) as { post: { previous: { id: string } } }).post.previous.id;
    expect(hints.map((h) => h.action)).toEqual([
      "post.added",
      "post.added",
      "post.added",
      "post.added",
      "post.edited",
      "post.deleted",
    ]);
    expect(hints[5]).toEqual({ type: "post", externalId: id, action: "post.deleted", isPing: false, isOurEcho: false });
    expect(ghostWebhooks.parse({ post: { current: {}, previous: {} } })).toMatchObject({ ok: false });
  });

  it("gives a repeat of a delivery the same id, and another delivery another", () => {
    const [a, b] = deliveries;
    expect(ghostWebhooks.deliveryId(new Headers({ "x-ghost-signature": a.signature }))).toBe(
      ghostWebhooks.deliveryId(new Headers({ "x-ghost-signature": a.signature })),
    );
    expect(ghostWebhooks.deliveryId(new Headers({ "x-ghost-signature": a.signature }))).not.toBe(
      ghostWebhooks.deliveryId(new Headers({ "x-ghost-signature": b.signature })),
    );
    expect(ghostWebhooks.deliveryId(new Headers())).toBeUndefined();
  });
});
