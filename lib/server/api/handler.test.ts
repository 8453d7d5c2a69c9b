import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handler } from "./handler";
import { ApiError } from "./errors";
import { createTestTenant } from "@/test/support/db";

const route = handler({ body: z.object({ name: z.string().min(1, "is required") }) }, async ({ body }) => {
  if (body.name === "boom") throw new Error("database password=hunter2 leaked?");
  if (body.name === "taken") throw new ApiError("already_exists", "Name taken.");
  return { hello: body.name };
});
const noParams = { params: Promise.resolve({}) };

async function call(init: RequestInit & { key?: string }) {
  const res = await route(
    new Request("http://test/api/v1/x", {
      method: "POST",
      ...init,
      headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...init.headers },
    }),
    noParams,
  );
  return { status: res.status, body: await res.json() };
}

describe("route handler wrapper", async () => {
  const { apiKey } = await createTestTenant("wrapper");

  it.each([
    ["no credentials", {}, 401, "unauthorized"],
    ["an unknown API key", { key: "igny8_nope" }, 401, "unauthorized"],
    ["a malformed Authorization header", { headers: { authorization: "Basic abc" } }, 401, "unauthorized"],
  ])("answers 401 for %s", async (_label, init, status, code) => {
    const res = await call({ ...init, body: JSON.stringify({ name: "x" }) });
    expect(res).toMatchObject({ status, body: { error: { code } } });
  });

  it.each([
    ["malformed JSON", "{bad", 400, "invalid_json"],
    ["an empty body", "", 400, "invalid_json"],
    ["a schema violation", JSON.stringify({ name: "" }), 422, "validation_error"],
    ["a wrong type", JSON.stringify({ name: 5 }), 422, "validation_error"],
    ["a body over 1 MB", JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }), 413, "payload_too_large"],
  ])("answers %s with %i", async (_label, body, status, code) => {
    const res = await call({ key: apiKey, body });
    expect(res).toMatchObject({ status, body: { error: { code } } });
  });

  it("names the failing field", async () => {
    const res = await call({ key: apiKey, body: JSON.stringify({}) });
    expect(res.body.error.message).toMatch(/^name: /);
    expect(res.body.error.details[0].field).toBe("name");
  });

  it("passes ApiErrors through with their status", async () => {
    expect(await call({ key: apiKey, body: JSON.stringify({ name: "taken" }) })).toMatchObject({
      status: 409,
      body: { error: { code: "already_exists" } },
    });
  });

  it("hides unknown errors behind a 500 without detail", async () => {
    const res = await call({ key: apiKey, body: JSON.stringify({ name: "boom" }) });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|password/);
  });

  it("answers a body over 1 MB with Connection: close, so the rest of it is never left on a kept-alive connection", async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await route(
      new Request("http://test/api/v1/x", {
        method: "POST",
        body,
        duplex: "half",
        headers: { authorization: `Bearer ${apiKey}` },
      } as RequestInit),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect((await res.json()).error).toMatchObject({
      code: "payload_too_large",
      fix: expect.stringMatching(/1024 KB/),
    });
    // The rest was read and dropped (bounded), not left unread.
    expect(sent).toBe(2 * 1024 * 1024);
  });

  it("answers a declared Content-Length over 1 MB with 413 and Connection: close", async () => {
    const res = await route(
      new Request("http://test/api/v1/x", {
        method: "POST",
        body: "{}",
        headers: { authorization: `Bearer ${apiKey}`, "content-length": String(50 * 1024 * 1024) },
      }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
  });

  it.each([
    [
      "a NUL character in a field",
      '{"name": "a\\u0000b"}',
      "name",
      "name: contains a NUL character (\\u0000); remove it",
    ],
    [
      "a NUL character in a key",
      '{"name": "x", "o": {"k\\u0000": 1}}',
      "o",
      "o: has a key that contains a NUL character (\\u0000); remove it",
    ],
    [
      "__proto__ as a key",
      '{"name": "x", "__proto__": {"isAdmin": true}}',
      "__proto__",
      "__proto__: is a reserved name (__proto__, constructor, prototype) and cannot be a key; rename it",
    ],
    [
      "constructor as a nested key",
      '{"name": "x", "o": [{"constructor": 1}]}',
      "o.0.constructor",
      "o.0.constructor: is a reserved name (__proto__, constructor, prototype) and cannot be a key; rename it",
    ],
    [
      "10,000 levels of nesting",
      `{"name": "x", "o": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
      `o${".0".repeat(31)}`,
      `o${".0".repeat(31)}: is nested more than 32 levels deep; send flatter JSON`,
    ],
  ])(
    "answers %s with 422 naming the field, before any schema or handler runs",
    async (_label, body, field, message) => {
      const res = await call({ key: apiKey, body });
      expect(res).toMatchObject({
        status: 422,
        body: { error: { code: "validation_error", message, details: [{ field }] } },
      });
    },
  );

  it.each([
    ["?q=a%00b", "q", "contains a NUL character"],
    ["?__proto__=1", "__proto__", "is a reserved name"],
    ["?constructor=x&q=1", "constructor", "is a reserved name"],
  ])("checks the query the same way: %s", async (search, field, problem) => {
    const listRoute = handler({ query: z.object({ q: z.string().optional() }) }, async ({ query }) => query);
    const res = await listRoute(
      new Request(`http://test/api/v1/x${search}`, { headers: { authorization: `Bearer ${apiKey}` } }),
      noParams,
    );
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "validation_error", details: [{ field }] });
    expect(error.message).toContain(`${field}: ${problem}`);
  });

  it("answers a NUL character in a path parameter as not found", async () => {
    const itemRoute = handler({ params: z.object({ model: z.string() }) }, async ({ params }) => params);
    const res = await itemRoute(
      new Request("http://test/api/v1/x/a%00b", { headers: { authorization: `Bearer ${apiKey}` } }),
      { params: Promise.resolve({ model: "a\u0000b" }) },
    );
    expect(res.status).toBe(404);
  });

  it("runs the handler for a valid request", async () => {
    expect(await call({ key: apiKey, body: JSON.stringify({ name: "ok" }) })).toEqual({
      status: 200,
      body: { hello: "ok" },
    });
  });
});
