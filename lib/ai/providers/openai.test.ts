import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAiFake } from "@/test/fakes/openai";
import { closedOrigin, fakePng, type FakeServer } from "@/test/fakes/server";
import { AiError } from "../errors";
import { createOpenAiProvider } from "./openai";

let fake: FakeServer;
const goodKey = "sk-test-good-key-1234";
const provider = () => createOpenAiProvider({ baseUrl: `${fake.origin}/v1`, maxRetries: 0 });

beforeAll(async () => {
  fake = await startOpenAiFake(goodKey);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** The key reached the fake, whose 401 body repeats it: the assertions after this one are meaningful. */
function fakeEchoedKey() {
  return fake.requests.length > 0 && String(fake.requests.at(-1)?.headers.authorization).includes("sk-nope-123456");
}

async function failure(promise: Promise<unknown>): Promise<AiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AiError)) throw new Error(`expected an AiError, got ${String(error)}`);
  return error;
}

describe("OpenAI key test", () => {
  it("lists the models a good key can use, sending the key as a Bearer token", async () => {
    const result = await provider().testKey(goodKey);
    expect(result).toMatchObject({ ok: true, modelsAvailable: ["dall-e-3", "gpt-4o", "gpt-4o-mini"] });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/v1/models" });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${goodKey}`);
  });

  it("reports a bad key as auth_failed without repeating the key", async () => {
    const badKey = "sk-wrong-key-abcdef987654";
    const result = await provider().testKey(badKey);
    expect(result).toMatchObject({ ok: false, code: "auth_failed" });
    expect(result.message).not.toContain(badKey);
    expect(result.message).not.toContain("abcdef987654");
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
    if (code === "rate_limited") expect(result.retryAfterSeconds).toBe(7);
  });

  it("reports a server that does not answer as unreachable", async () => {
    const result = await createOpenAiProvider({ baseUrl: `${await closedOrigin()}/v1`, maxRetries: 0 }).testKey(
      goodKey,
    );
    expect(result).toMatchObject({ ok: false, code: "unreachable" });
  });
});

describe("OpenAI text", () => {
  it("sends the model and messages and returns text with usage", async () => {
    const result = await provider().generateText!({
      apiKey: goodKey,
      model: "gpt-4o-mini",
      system: "Be brief.",
      prompt: "Write a title about tea",
      maxOutputTokens: 300,
    });
    expect(result).toEqual({
      text: "Echo: Write a title about tea",
      model: "gpt-4o-mini-2024-07-18",
      usage: { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 200 },
    });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(request.headers.authorization).toBe(`Bearer ${goodKey}`);
    expect(request.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Write a title about tea" },
      ],
      max_completion_tokens: 300,
    });
  });

  it("maps an unknown model to model_not_found", async () => {
    const error = await failure(provider().generateText!({ apiKey: goodKey, model: "gpt-9", prompt: "hi" }));
    expect(error.code).toBe("model_not_found");
  });

  it("maps a rate limit to rate_limited with the retry-after delay", async () => {
    fake.mode = "rate_limited";
    const error = await failure(provider().generateText!({ apiKey: goodKey, model: "gpt-4o", prompt: "hi" }));
    expect(error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 7, providerStatus: 429 });
    expect(fake.requests).toHaveLength(1);
  });

  it("maps a malformed body to invalid_response", async () => {
    fake.mode = "malformed";
    expect((await failure(provider().generateText!({ apiKey: goodKey, model: "gpt-4o", prompt: "hi" }))).code).toBe(
      "invalid_response",
    );
  });
});

describe("OpenAI images", () => {
  it("asks DALL-E 3 for base64 and returns the image bytes", async () => {
    const result = await provider().generateImage!({
      apiKey: goodKey,
      model: "dall-e-3",
      prompt: "A teapot",
      size: "1792x1024",
      quality: "hd",
    });
    expect(result.image.contentType).toBe("image/png");
    expect(Buffer.from(result.image.bytes).equals(Buffer.from(fakePng))).toBe(true);
    expect(result.revisedPrompt).toBe("A revised prompt");
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/images/generations" });
    expect(fake.requests[0].body).toEqual({
      model: "dall-e-3",
      prompt: "A teapot",
      n: 1,
      size: "1792x1024",
      quality: "hd",
      response_format: "b64_json",
    });
  });

  it("refuses a bad key for images too, and the error cannot leak the key into a log", async () => {
    const error = await failure(
      provider().generateImage!({ apiKey: "sk-nope-123456", model: "dall-e-3", prompt: "x", size: "1024x1024" }),
    );
    expect(error.code).toBe("auth_failed");
    // The fake echoes the key in its error body; whatever logs this error must not see it.
    expect(fakeEchoedKey()).toBe(true);
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain("nope-123456");
    expect(JSON.stringify(error)).not.toContain("nope-123456");
  });
});
