import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startRunwareFake } from "@/test/fakes/runware";
import { closedOrigin, fakePng, type FakeServer } from "@/test/fakes/server";
import { AiError } from "../errors";
import { createRunwareProvider } from "./runware";

let fake: FakeServer;
const goodKey = "rw-test-good-key-9012";
const provider = () => createRunwareProvider({ baseUrl: `${fake.origin}/v1` });

beforeAll(async () => {
  fake = await startRunwareFake(goodKey);
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

describe("Runware key test", () => {
  it("sends only an authentication task", async () => {
    expect(await provider().testKey(goodKey)).toEqual({ ok: true, message: "Key works" });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1" });
    expect(fake.requests[0].headers["content-type"]).toBe("application/json");
    expect(fake.requests[0].body).toEqual([{ taskType: "authentication", apiKey: goodKey }]);
  });

  it.each([
    ["ok", "rw-wrong-key-777777", "auth_failed"],
    ["rate_limited", goodKey, "rate_limited"],
    ["quota", goodKey, "quota_exceeded"],
    ["malformed", goodKey, "invalid_response"],
    ["server_error", goodKey, "unreachable"],
  ] as const)("in mode %s with key %s answers %s", async (mode, key, code) => {
    fake.mode = mode;
    const result = await provider().testKey(key);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.message).not.toContain(key);
    if (code === "rate_limited") expect(result.retryAfterSeconds).toBe(3);
  });

  it("reports a server that does not answer as unreachable", async () => {
    const result = await createRunwareProvider({ baseUrl: `${await closedOrigin()}/v1` }).testKey(goodKey);
    expect(result).toMatchObject({ ok: false, code: "unreachable" });
  });
});

describe("Runware images", () => {
  it("sends authentication and imageInference tasks and returns the bytes and reported cost", async () => {
    const result = await provider().generateImage!({
      apiKey: goodKey,
      model: "runware:100@1",
      prompt: "A teapot",
      size: "1024x768",
    });
    expect(Buffer.from(result.image.bytes).equals(Buffer.from(fakePng))).toBe(true);
    expect(result.image.contentType).toBe("image/png");
    expect(result.providerCostUsd).toBe("0.0006");
    const tasks = fake.requests[0].body as Record<string, unknown>[];
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toEqual({ taskType: "authentication", apiKey: goodKey });
    expect(tasks[1]).toEqual({
      taskType: "imageInference",
      taskUUID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      positivePrompt: "A teapot",
      model: "runware:100@1",
      width: 1024,
      height: 768,
      numberResults: 1,
      outputType: "base64Data",
      outputFormat: "PNG",
      includeCost: true,
    });
  });

  it("maps an unknown model to model_not_found", async () => {
    const error = await failure(
      provider().generateImage!({ apiKey: goodKey, model: "civitai:1@1", prompt: "x", size: "512x512" }),
    );
    expect(error.code).toBe("model_not_found");
  });

  it("refuses sizes Runware cannot make before calling it", async () => {
    const error = await failure(
      provider().generateImage!({ apiKey: goodKey, model: "runware:100@1", prompt: "x", size: "1000x1000" }),
    );
    expect(error.code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(0);
  });
});
