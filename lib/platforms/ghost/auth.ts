import "server-only";
import { SignJWT } from "jose";
import { z } from "zod";
import { PlatformError, type Credentials } from "@/lib/platforms/types";

const KEY_FORMAT = /^[0-9a-f]{24}:[0-9a-f]{64}$/i;

/** Where a Ghost user finds the key; shown with every key problem. */
export const KEY_FIX =
  "In Ghost Admin open Settings → Integrations → Add custom integration, and copy its Admin API key (id:secret).";

/** The connect form's one field: a custom integration's Admin API key, `id:secret` in hex. */
export const ghostCredentialsSchema = z.object({
  admin_api_key: z
    .string()
    .trim()
    .regex(
      KEY_FORMAT,
      "must be the Admin API key of a Ghost custom integration: 24 hex characters, a colon, 64 hex characters",
    ),
});

export type GhostKey = { id: string; secret: Uint8Array };

/** The stored key split and hex-decoded; a malformed one is auth_failed with `invalid_key_format`. */
export function readKey(credentials: Credentials): GhostKey {
  const parsed = ghostCredentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    throw new PlatformError("auth_failed", "The Ghost Admin API key is missing or not in the form id:secret.", {
      platformCode: "invalid_key_format",
      fix: KEY_FIX,
    });
  }
  const [id, secret] = parsed.data.admin_api_key.split(":");
  return { id: id.toLowerCase(), secret: Buffer.from(secret, "hex") };
}

/** Ghost refuses a token whose iat is older than 5 minutes; ours is renewed well before that. */
const TOKEN_LIFETIME_S = 300;
const RENEW_AFTER_S = 120;

/** An Admin API token: HS256 with the hex-decoded secret, `kid` the key id, audience `/admin/`. */
export async function signAdminToken(key: GhostKey, nowMs = Date.now()): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.id })
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_LIFETIME_S)
    .setAudience("/admin/")
    .sign(key.secret);
}

/** `Authorization` values for one key, each token reused for two minutes at most. */
export function createTokenSource(key: GhostKey, now: () => number = Date.now) {
  let cached: { token: Promise<string>; issuedMs: number } | undefined;
  return async (): Promise<string> => {
    const at = now();
    if (!cached || at - cached.issuedMs > RENEW_AFTER_S * 1000 || at < cached.issuedMs) {
      cached = { token: signAdminToken(key, at), issuedMs: at };
    }
    return `Ghost ${await cached.token}`;
  };
}
