import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBriaFake } from "@/test/fakes/bria";
import { closedOrigin, fakePng, type FakeServer } from "@/test/fakes/server";
import { AiError } from "../errors";
import { briaAspectRatio, createBriaProvider } from "./bria";

let fake: FakeServer;
const goodKey = "bria-test-good-key-3456";
const provider = () => createBriaProvider({ baseUrl: `${fake.origin}/v1` });

beforeAll(async () => {
  fake = await startBriaFake(goodKey);
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

describe("Bria key test", () => {
  it("calls an authenticated free endpoint with the api_token header", async () => {
    expect(await provider().testKey(goodKey)).toEqual({ ok: true, message: "Key works" });
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/v1/tailored-gen/models" });
    expect(fake.requests[0].headers["api_token"]).toBe(goodKey);
  });

  it.each([
    ["ok", "bria-wrong-key-111111", "auth_failed"],
    ["rate_limited", goodKey, "rate_limited"],
    ["quota", goodKey, "quota_exceeded"],
    ["malformed", goodKey, "invalid_response"],
    ["server_error", goodKey, "unreachable"],
  ] as const)("in mode %s with key %s answers %s", async (mode, key, code) => {
    fake.mode = mode;
    const result = await provider().testKey(key);
    expect(result).toMatchObject({ ok: false, code });
    if (code === "rate_limited") expect(result.retryAfterSeconds).toBe(30);
  });

  it("reports a server that does not answer as unreachable", async () => {
    expect(await createBriaProvider({ baseUrl: `${await closedOrigin()}/v1` }).testKey(goodKey)).toMatchObject({
      ok: false,
      code: "unreachable",
    });
  });
});

describe("Bria images", () => {
  it("posts to the model's pipeline and version, then downloads the image", async () => {
    const result = await provider().generateImage!({
      apiKey: goodKey,
      model: "fast/2.3",
      prompt: "A teapot",
      size: "1792x1024",
    });
    expect(Buffer.from(result.image.bytes).equals(Buffer.from(fakePng))).toBe(true);
    expect(result.image.contentType).toBe("image/png");
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/text-to-image/fast/2.3",
      "GET /files/bria-result.png",
    ]);
    expect(fake.requests[0].headers["api_token"]).toBe(goodKey);
    expect(fake.requests[0].body).toEqual({ prompt: "A teapot", num_results: 1, aspect_ratio: "16:9", sync: true });
    // The download goes to the image host, which must not receive the key.
    expect(fake.requests[1].headers["api_token"]).toBeUndefined();
  });

  it("maps an unknown model version to model_not_found", async () => {
    const error = await failure(
      provider().generateImage!({ apiKey: goodKey, model: "base/9.9", prompt: "x", size: "1024x1024" }),
    );
    expect(error.code).toBe("model_not_found");
  });

  it.each([
    ["1024x1024", "1:1"],
    ["1344x768", "16:9"],
    ["768x1344", "9:16"],
    ["1024x1280", "4:5"],
    ["1152x896", "5:4"],
  ])("maps size %s to aspect ratio %s", (size, ratio) => {
    expect(briaAspectRatio(size)).toBe(ratio);
  });
});
