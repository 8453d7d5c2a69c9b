import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** Deliveries signed longer ago than this (or this far ahead) are refused: a replay, or a clock gone wrong. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

const HEADER = /^\s*sha256=([0-9a-f]{64})\s*,\s*t=(\d{1,16})\s*$/i;

/** `X-Ghost-Signature: sha256=<hex>, t=<ms>` read; undefined when it is not one. */
export function readSignature(headers: Headers): { hex: string; t: string } | undefined {
  const match = HEADER.exec(headers.get("x-ghost-signature") ?? "");
  return match ? { hex: match[1].toLowerCase(), t: match[2] } : undefined;
}

const mac = (secret: string, raw: string, t: string) => createHmac("sha256", secret).update(`${raw}${t}`).digest();

/** The header Ghost sends with a delivery of `raw` at `t` (ms): HMAC-SHA256 of the raw body then t. */
export function signGhostDelivery(raw: string, secret: string, t = Date.now()): string {
  return `sha256=${mac(secret, raw, String(t)).toString("hex")}, t=${t}`;
}

/**
 * Whether `raw` was signed by Ghost with one of `secrets` (several while a secret is rotated),
 * recently. Compared in constant time; every secret is tried, so timing tells nothing of which.
 */
export function verifyGhostSignature(raw: string, headers: Headers, secrets: string[], now = Date.now()): boolean {
  const signature = readSignature(headers);
  if (!signature) return false;
  if (Math.abs(now - Number(signature.t)) > MAX_SIGNATURE_AGE_MS) return false;
  const given = Buffer.from(signature.hex, "hex");
  let ok = false;
  for (const secret of secrets) {
    if (secret && timingSafeEqual(mac(secret, raw, signature.t), given)) ok = true;
  }
  return ok;
}
