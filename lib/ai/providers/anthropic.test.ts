import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAnthropicFake } from "@/test/fakes/anthropic";
import { closedOrigin, type FakeServer } from "@/test/fakes/server";
import { AiError } from "../errors";
import { createAnthropicProvider } from "./anthropic";

let fake: FakeServer;
const goodKey = "sk-ant-test-good-key-5678";
const provider = () => createAnthropicProvider({ baseUrl: fake.origin, maxRetries: 0 });

beforeAll(async () => {
  fake = await startAnthropicFake(goodKey);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function failure(promise: Promise<unknown>): Promise<AiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AiError)) throw new Error(`expected an AiError, got ${String(error)}`);
  return error;
}

describe("Anthropic key test", () => {
  it("lists models, sending the key as a Bearer token and an API version", async () => {
    const result = await provider().testKey(goodKey);
    expect(result).toMatchObject({
      ok: true,
      modelsAvailable: ["claude-3-5-sonnet-20241022", "claude-3-haiku-20240307", "claude-3-opus-20240229"],
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].method).toBe("GET");
    expect(fake.requests[0].path).toMatch(/^\/v1\/models(\?|$)/);
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${goodKey}`);
    expect(fake.requests[0].headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("reports a bad key as auth_failed", async () => {
    const result = await provider().testKey("sk-ant-wrong-000000");
    expect(result).toMatchObject({ ok: false, code: "auth_failed" });
    expect(result.message).toContain("invalid x-api-key");
    expect(result.message).not.toContain("sk-ant-wrong-000000");
  });

  it.each([
    ["rate_limited", "rate_limited"],
    ["quota", "quota_exceeded"],
    ["malformed", "invalid_response"],
    ["server_error", "unreachable"],
  ] as const)("maps the fake's %s answer to %s", async (mode, code) => {
    fake.mode = mode;
    const result = await provider().testKey(goodKey);
    expect(result).toMatchObject({ ok: false, code });
    if (code === "rate_limited") expect(result.retryAfterSeconds).toBe(12);
  });

  it("reports a server that does not answer as unreachable", async () => {
    const result = await createAnthropicProvider({ baseUrl: await closedOrigin(), maxRetries: 0 }).testKey(goodKey);
    expect(result).toMatchObject({ ok: false, code: "unreachable" });
  });
});

describe("Anthropic text", () => {
  it("sends one user message with max_tokens and returns text with all input tokens counted", async () => {
    const result = await provider().generateText!({
      apiKey: goodKey,
      model: "claude-3-haiku-20240307",
      system: "Be brief.",
      prompt: "Write a title about tea",
      maxOutputTokens: 400,
    });
    expect(result).toEqual({
      text: "Echo: Write a title about tea",
      model: "claude-3-haiku-20240307",
      usage: { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 200 },
    });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/messages" });
    expect(request.headers.authorization).toBe(`Bearer ${goodKey}`);
    expect(request.body).toEqual({
      model: "claude-3-haiku-20240307",
      max_tokens: 400,
      messages: [{ role: "user", content: "Write a title about tea" }],
      system: "Be brief.",
    });
  });

  it("maps an unknown model to model_not_found", async () => {
    expect((await failure(provider().generateText!({ apiKey: goodKey, model: "claude-9", prompt: "hi" }))).code).toBe(
      "model_not_found",
    );
  });

  it("maps a rate limit to rate_limited with the retry-after delay", async () => {
    fake.mode = "rate_limited";
    const error = await failure(
      provider().generateText!({ apiKey: goodKey, model: "claude-3-opus-20240229", prompt: "hi" }),
    );
    expect(error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 12 });
  });

  it("has no image generation", () => {
    expect(provider().generateImage).toBeUndefined();
  });
});
