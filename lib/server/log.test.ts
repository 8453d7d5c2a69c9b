import { afterEach, describe, expect, it, vi } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { createApiKey } from "@/lib/server/services/api-keys";
import { createTestTenant } from "@/test/support/db";
import { logError, redact } from "./log";

/** What logError printed for `error`. */
function logged(error: unknown) {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  logError("unhandled error in POST /api/v1/api-keys/", error);
  const text = spy.mock.calls.map((args) => args.join(" ")).join("\n");
  spy.mockRestore();
  return text;
}

afterEach(() => vi.restoreAllMocks());

describe("redact", () => {
  it.each([
    ["an API key's SHA-256", `key_hash=${"ab12".repeat(16)}`, "ab12ab12"],
    ["a bare hex digest", `params: 2f1c,${"9f".repeat(32)}`, "9f9f9f9f"],
    ["a base64 secret", `stored v1:${"Zm9vYmFyQmF6MTIz".repeat(4)}`, "Zm9vYmFy"],
    ["a webhook secret", "whsec_MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=", "MTIzNDU2"],
    ["an API key", `Bearer igny8_${"x".repeat(43)}`, "xxxxxxxx"],
  ])("removes %s", (_label, text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it("keeps ordinary text, ids and file paths readable", () => {
    const text =
      "site 0b6f6a2e-4c1e-4f7a-9d41-1f7a2c3b4d5e failed at /app/.next/server/chunks/ssr/node_modules_next_dist_server_route-modules_abc123._.js:12:5";
    expect(redact(text)).toBe(text);
  });
});

describe("logError", () => {
  it("prints a failed query's SQL and its cause, never its parameters", () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: "22021",
      detail: "Key (name)=(secret-name) already exists.",
    });
    const error = new DrizzleQueryError(
      'insert into "api_keys" ("name", "key_hash") values ($1, $2)',
      ["secret-name", "deadbeef".repeat(8)],
      cause,
    );
    const text = logged(error);
    expect(text).toContain('failed query: insert into "api_keys" ("name", "key_hash") values ($1, $2)');
    expect(text).toContain('caused by: Error [22021]: invalid byte sequence for encoding "UTF8": 0x00');
    expect(text).toMatch(/\n\s+at /); // where it happened
    expect(text).not.toContain("secret-name");
    expect(text).not.toContain("deadbeef");
    expect(text).not.toContain("params");
  });

  it("walks a chain of causes, stopping at a cycle", () => {
    const inner = new Error("socket hang up");
    const outer = new Error("sync failed", { cause: new Error("push failed", { cause: inner }) });
    (inner as Error & { cause?: unknown }).cause = outer;
    const text = logged(outer);
    expect(text).toContain("Error: sync failed\n");
    expect(text).toContain("caused by: Error: push failed\ncaused by: Error: socket hang up");
    expect(text.match(/sync failed/g)).toHaveLength(1);
  });

  it("a real failed query (a NUL character in a parameter, against the test database) leaves no parameter in the log", async () => {
    const { db, auth } = await createTestTenant("log-nul");
    const error = await createApiKey(db, auth, "name\u0000with a NUL").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DrizzleQueryError);
    const params = (error as DrizzleQueryError).params.filter(
      (p): p is string => typeof p === "string" && p.length >= 6,
    );
    // The account, the user, the name, the key's prefix and its hash.
    expect(params.length).toBeGreaterThanOrEqual(4);
    const text = logged(error);
    expect(text).toContain('insert into "api_keys"');
    expect(text).toMatch(/caused by: PostgresError \[22021\]: invalid byte sequence for encoding "UTF8": 0x00/);
    for (const param of params) expect(text).not.toContain(param);
    expect(text).not.toContain("with a NUL");
  });
});
