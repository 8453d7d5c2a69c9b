import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "./env";

/**
 * Secrets at rest: AES-256-GCM with a random 96-bit IV and a 16-byte tag. The associated data binds
 * a ciphertext to its table, column, row and account, so a value copied elsewhere fails to decrypt.
 * Format: `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). The first key of the keyring encrypts;
 * every key decrypts; `npm run secrets:rotate` re-encrypts with the first.
 */

export type SecretContext = { table: string; column: string; rowId: string; accountId: string | null };
export type Keyring = { primaryId: string; keys: Map<string, Buffer> };

/**
 * Why a value does not decrypt: its key is not in the keyring, it fails authentication (changed,
 * copied from another row, or the key under its id was replaced), or it is no secret-box value.
 * `keyId` is the id the value names (ids are not secret).
 */
export type SecretBoxFailure = "missing_key" | "failed_authentication" | "malformed";

export class SecretBoxError extends Error {
  constructor(
    message: string,
    readonly failure?: SecretBoxFailure,
    readonly keyId?: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export class MissingKeyError extends Error {}

const KEY_FILE = "encryption.key";
let cachedKeyring: Keyring | undefined;

/** Parses `id:base64key,id2:base64key`; each key must be 32 bytes. */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let primaryId = "";
  for (const entry of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    const key = Buffer.from(entry.slice(separator + 1), "base64");
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new SecretBoxError(
        "ENCRYPTION_KEYS: each entry must be `<id>:<base64 32-byte key>` with an id of letters, digits, _ or -",
      );
    }
    if (key.length !== 32)
      throw new SecretBoxError(`ENCRYPTION_KEYS: key "${id}" must be 32 bytes (openssl rand -base64 32)`);
    if (keys.has(id)) throw new SecretBoxError(`ENCRYPTION_KEYS: key id "${id}" appears twice`);
    keys.set(id, key);
    primaryId ||= id;
  }
  if (!primaryId) throw new SecretBoxError("ENCRYPTION_KEYS is empty");
  return { primaryId, keys };
}

export function generateKeyringEntry(id = `k${Date.now().toString(36)}`) {
  return `${id}:${crypto.randomBytes(32).toString("base64")}`;
}

/**
 * The keyring from ENCRYPTION_KEYS. Without it: production refuses; elsewhere a key is generated
 * once into DATA_DIR and reused.
 */
export function getKeyring(): Keyring {
  if (cachedKeyring) return cachedKeyring;
  const env = getEnv();
  if (env.ENCRYPTION_KEYS) {
    cachedKeyring = parseKeyring(env.ENCRYPTION_KEYS);
    return cachedKeyring;
  }
  if (env.NODE_ENV === "production") {
    throw new MissingKeyError(
      "ENCRYPTION_KEYS is not set. In production the app refuses to start without it: " +
        "set ENCRYPTION_KEYS=k1:$(openssl rand -base64 32) and keep it safe (losing it loses every stored secret).",
    );
  }
  const file = path.resolve(env.DATA_DIR === "memory://" ? ".data" : env.DATA_DIR, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, generateKeyringEntry() + "\n", { flag: "wx", mode: 0o600 });
      console.warn(
        `[secret-box] No ENCRYPTION_KEYS set: generated an encryption key in ${file}. Back it up, or set ENCRYPTION_KEYS.`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  cachedKeyring = parseKeyring(fs.readFileSync(file, "utf8").trim());
  return cachedKeyring;
}

export function resetKeyringCache() {
  cachedKeyring = undefined;
}

function aad(ctx: SecretContext) {
  return Buffer.from(`igny8:${ctx.table}:${ctx.column}:${ctx.rowId}:${ctx.accountId ?? "global"}`);
}

export function encryptSecret(plaintext: string, ctx: SecretContext, keyring = getKeyring()): string {
  const key = keyring.keys.get(keyring.primaryId)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
  cipher.setAAD(aad(ctx));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return ["v1", keyring.primaryId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(value: string, ctx: SecretContext, keyring = getKeyring()): string {
  const [version, keyId, ivText, bodyText] = value.split(".");
  if (version !== "v1" || !keyId || !ivText || !bodyText)
    throw new SecretBoxError("Not a secret-box value", "malformed");
  const key = keyring.keys.get(keyId);
  if (!key)
    throw new SecretBoxError(
      `Secret was encrypted with key "${keyId}", which is not in ENCRYPTION_KEYS`,
      "missing_key",
      keyId,
    );
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== 12 || body.length < 16) throw new SecretBoxError("Secret is truncated", "malformed", keyId);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
    decipher.setAAD(aad(ctx));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "Secret failed authentication (tampered, or it belongs to another row)",
      "failed_authentication",
      keyId,
    );
  }
}

/** True when the value was not encrypted with the keyring's current primary key. */
export function needsRotation(value: string, keyring = getKeyring()) {
  return value.split(".")[1] !== keyring.primaryId;
}

/** What an API response may say about a secret. */
export function lastFour(plaintext: string) {
  return plaintext.replace(/\s+/g, "").slice(-4);
}
