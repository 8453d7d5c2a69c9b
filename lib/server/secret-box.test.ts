import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  generateKeyringEntry,
  needsRotation,
  parseKeyring,
  SecretBoxError,
} from "./secret-box";

const ctx = { table: "sites", column: "wp_api_key", rowId: "row-1", accountId: "acct-1" };
const ringA = parseKeyring(generateKeyringEntry("a"));
const ringB = parseKeyring(generateKeyringEntry("b"));

describe("secret box", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("abcd efgh ijkl mnop", ctx, ringA);
    expect(sealed).toMatch(/^v1\.a\./);
    expect(sealed).not.toContain("abcd");
    expect(decryptSecret(sealed, ctx, ringA)).toBe("abcd efgh ijkl mnop");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", ctx, ringA)).not.toBe(encryptSecret("same", ctx, ringA));
  });

  it("detects a tampered ciphertext", () => {
    const sealed = encryptSecret("secret", ctx, ringA);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptSecret(parts.join("."), ctx, ringA)).toThrow(SecretBoxError);
  });

  it("fails with a wrong key of the same id", () => {
    const other = parseKeyring(generateKeyringEntry("a"));
    expect(() => decryptSecret(encryptSecret("secret", ctx, ringA), ctx, other)).toThrow(/failed authentication/);
  });

  it("names a key id that is not in the keyring", () => {
    expect(() => decryptSecret(encryptSecret("secret", ctx, ringA), ctx, ringB)).toThrow(/key "a"/);
  });

  it.each<[string, () => string, SecretBoxError["failure"], string | undefined]>([
    ["a key not in the keyring", () => encryptSecret("secret", ctx, ringB), "missing_key", "b"],
    [
      "a failed authentication",
      () => encryptSecret("secret", { ...ctx, rowId: "row-2" }, ringA),
      "failed_authentication",
      "a",
    ],
    ["no secret-box value", () => "plain text", "malformed", undefined],
  ])("says why it failed: %s", (_label, value, failure, keyId) => {
    const error = (() => {
      try {
        decryptSecret(value(), ctx, ringA);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(error).toMatchObject({ failure, keyId });
  });

  it("a broken ENCRYPTION_KEYS is no stored value's failure", () => {
    expect(() => parseKeyring("nokey")).toThrow(
      expect.objectContaining({ name: "SecretBoxError", failure: undefined }),
    );
  });

  it.each([
    ["another row", { ...ctx, rowId: "row-2" }],
    ["another account", { ...ctx, accountId: "acct-2" }],
    ["another column", { ...ctx, column: "webhook_secret" }],
    ["another table", { ...ctx, table: "site_integrations" }],
  ])("refuses a value copied to %s", (_label, target) => {
    expect(() => decryptSecret(encryptSecret("secret", ctx, ringA), target, ringA)).toThrow(SecretBoxError);
  });

  it("rotates: old values decrypt with the new keyring and are flagged for re-encryption", () => {
    const sealed = encryptSecret("secret", ctx, ringA);
    const rotated = parseKeyring(`${generateKeyringEntry("b2")},a:${ringA.keys.get("a")!.toString("base64")}`);
    expect(needsRotation(sealed, rotated)).toBe(true);
    expect(decryptSecret(sealed, ctx, rotated)).toBe("secret");
    const resealed = encryptSecret(decryptSecret(sealed, ctx, rotated), ctx, rotated);
    expect(needsRotation(resealed, rotated)).toBe(false);
    expect(resealed).toMatch(/^v1\.b2\./);
  });

  it.each([
    ["", /empty/],
    ["nokey", /<id>:<base64/],
    ["a:" + Buffer.alloc(16).toString("base64"), /32 bytes/],
    [`a:${Buffer.alloc(32).toString("base64")},a:${Buffer.alloc(32).toString("base64")}`, /twice/],
  ])("rejects keyring %j", (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
  });
});
