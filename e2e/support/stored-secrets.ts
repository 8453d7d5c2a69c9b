import crypto from "node:crypto";
import postgres from "postgres";
import { TEST_ENCRYPTION_KEYS } from "./env";

/**
 * Makes an integration's stored Application Password unreadable straight in the e2e server's
 * database. Only on PostgreSQL: the embedded database belongs to the server process (its tests
 * of the same paths call the route handlers in lib/server/services/credentials-unreadable-*.test.ts).
 */
export const canReachServerDatabase = !!process.env.DATABASE_URL;

export type UnreadableKind = "tampered" | "key-less";

/** The secret box's format (lib/server/secret-box.ts), sealed with a key id the server's ENCRYPTION_KEYS does not have. */
function sealWithMissingKey(plaintext: string, aad: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", crypto.randomBytes(32), iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return ["v1", "gone", iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** One character of the ciphertext flipped: it fails authentication. */
function tamper(value: string) {
  const parts = value.split(".");
  const i = Math.floor(parts[3].length / 2);
  parts[3] = parts[3].slice(0, i) + (parts[3][i] === "A" ? "B" : "A") + parts[3].slice(i + 1);
  return parts.join(".");
}

/** The id of the key the server encrypts with (the first of its ENCRYPTION_KEYS). */
export const serverKeyId = () =>
  (process.env.ENCRYPTION_KEYS ?? TEST_ENCRYPTION_KEYS).split(",")[0].split(":")[0].trim();

export async function makeApplicationPasswordUnreadable(integrationId: string, kind: UnreadableKind) {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const [site] = await sql<{ id: string; account_id: string; wp_api_key: string }[]>`
      select s.id, s.account_id, s.wp_api_key from sites s join site_integrations i on i.site_id = s.id where i.id = ${integrationId}`;
    const value =
      kind === "tampered"
        ? tamper(site.wp_api_key)
        : sealWithMissingKey("xxxx xxxx xxxx xxxx xxxx xxxx", `igny8:sites:wp_api_key:${site.id}:${site.account_id}`);
    await sql`update sites set wp_api_key = ${value} where id = ${site.id}`;
  } finally {
    await sql.end();
  }
}
