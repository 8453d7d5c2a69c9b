import { expect, test } from "@playwright/test";
import { createTenant, ordinaryTenant } from "../support/tenant";
import { newApiContext } from "../support/openapi";
import { good, platformAdmin } from "../support/ai";

// Generation, its errors, the Model Registry and price edits; AI settings: ai-settings.spec.ts.

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
test("text and image generation are priced, recorded and the image is stored with us", async ({ baseURL }) => {
  const { api } = await ordinaryTenant(baseURL!, "ai-generate");
  await api.put("/api/v1/settings/ai/", { data: { scope: "account", keys: { openai: good.openai, bria: good.bria } } });

  const text = await api.post("/api/v1/ai/generate/text/", { data: { prompt: "Title for a tea post" } });
  expect(text.status()).toBe(200);
  expect(await text.json()).toEqual({
    text: "Echo: Title for a tea post",
    model: "gpt-4o-mini",
    usage: { input_tokens: 1000, output_tokens: 500, cached_input_tokens: 200 },
    cost_usd: "0.000435",
  });

  const res = await api.post("/api/v1/ai/generate/image/", {
    data: { prompt: "A teapot", provider: "bria", size: "1344x768" },
  });
  expect(res.status()).toBe(201);
  const image = await res.json();
  // No default Bria model is set: the provider's first model in the registry.
  expect(image).toMatchObject({ model: "bria-2.2", provider: "bria", mime_type: "image/png", cost_usd: "0.040000" });
  expect(image.url).toBe(`${baseURL}/api/v1/ai/images/${image.image_id}/`);
  const bytes = await api.get(image.url);
  expect(bytes.status()).toBe(200);
  expect(bytes.headers()["content-type"]).toBe("image/png");
  expect(Buffer.from(await bytes.body()).equals(png)).toBe(true);

  const other = await createTenant(baseURL!, "ai-image-intruder");
  expect((await other.api.get(image.url)).status()).toBe(404);
  const anonymous = await newApiContext({ baseURL });
  expect((await anonymous.get(image.url)).status()).toBe(401);

  const usage = await (await api.get("/api/v1/ai/usage/")).json();
  expect(usage).toMatchObject({
    month: new Date().toISOString().slice(0, 7),
    calls: 2,
    input_tokens: 1000,
    output_tokens: 500,
    images: 1,
    cost_usd: "0.040435",
  });
  expect((await (await other.api.get("/api/v1/ai/usage/")).json()).calls).toBe(0);
});

test("generation without a key, with a bad key, or with a wrong model says what to fix", async ({ baseURL }) => {
  const { api } = await ordinaryTenant(baseURL!, "ai-gen-errors");
  const noKey = await api.post("/api/v1/ai/generate/text/", { data: { prompt: "x", model: "claude-3-haiku" } });
  expect(noKey.status()).toBe(422);
  expect((await noKey.json()).error).toMatchObject({ code: "no_api_key", fix: expect.stringMatching(/Anthropic key/) });

  await api.put("/api/v1/settings/ai/", { data: { scope: "account", keys: { openai: "sk-revoked-key-000000" } } });
  const denied = await api.post("/api/v1/ai/generate/text/", { data: { prompt: "x" } });
  expect(denied.status()).toBe(422);
  const deniedText = await denied.text();
  expect(JSON.parse(deniedText).error.code).toBe("auth_failed");
  expect(deniedText).not.toContain("sk-revoked-key-000000");

  for (const [data, status, code] of [
    [{ prompt: "x", model: "dall-e-3" }, 422, "validation_error"],
    [{ prompt: "x", model: "gpt-17" }, 422, "unknown_model"],
    [{ prompt: "" }, 422, "validation_error"],
    [{ model: "gpt-4o" }, 422, "validation_error"],
  ] as const) {
    const res = await api.post("/api/v1/ai/generate/text/", { data });
    expect(res.status(), JSON.stringify(data)).toBe(status);
    expect((await res.json()).error.code, JSON.stringify(data)).toBe(code);
  }
  const badSize = await api.post("/api/v1/ai/generate/image/", { data: { prompt: "x", size: "huge" } });
  expect((await badSize.json()).error.message).toMatch(/^size: must look like 1024x1024/);
  expect((await (await api.get("/api/v1/ai/usage/")).json()).calls).toBe(0);
});

test("the Model Registry lists, prices exactly and refuses unknown models", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "ai-registry");
  const images = await (await api.get("/api/v1/ai/models/?type=image&provider=bria")).json();
  expect(images.results.map((m: { id: string }) => m.id)).toEqual(["bria-2.2", "bria-2.3", "bria-2.3-fast"]);
  const all = await (await api.get("/api/v1/ai/models/")).json();
  expect(all.count).toBeGreaterThanOrEqual(10);
  expect(await (await api.get("/api/v1/ai/models/gpt-4o-mini/")).json()).toMatchObject({
    id: "gpt-4o-mini",
    provider: "openai",
    type: "text",
    input_usd_per_million: "0.15",
    output_usd_per_million: "0.6",
    context_window: 128000,
  });
  expect((await api.get("/api/v1/ai/models/gpt-17/")).status()).toBe(404);

  const cost = async (data: unknown) => api.post("/api/v1/ai/cost/", { data });
  expect(await (await cost({ model: "gpt-4o-mini", input_tokens: 1000, output_tokens: 500 })).json()).toEqual({
    model: "gpt-4o-mini",
    type: "text",
    cost_usd: "0.000450",
    currency: "USD",
  });
  expect(
    (
      await (
        await cost({ model: "claude-3-5-sonnet", input_tokens: 10000, output_tokens: 2000, cached_input_tokens: 4000 })
      ).json()
    ).cost_usd,
  ).toBe("0.049200");
  expect(
    (await (await cost({ model: "dall-e-3", size: "1792x1024", quality: "standard", n: 2 })).json()).cost_usd,
  ).toBe("0.160000");
  const unknown = await cost({ model: "gpt-17", input_tokens: 1, output_tokens: 1 });
  expect(unknown.status()).toBe(422);
  expect((await unknown.json()).error.code).toBe("unknown_model");
  expect((await cost({ model: "gpt-4o", input_tokens: -1, output_tokens: 1 })).status()).toBe(422);
  expect((await cost({ model: "dall-e-3", size: "640x480" })).status()).toBe(422);
  expect((await api.get("/api/v1/ai/models/?type=video")).status()).toBe(422);
});

test("a system admin edits a price; the history keeps it and costs change at once", async ({ baseURL }) => {
  const admin = await platformAdmin(baseURL!);
  const before = await (await admin.get("/api/v1/ai/models/claude-3-opus/")).json();
  try {
    const res = await admin.patch("/api/v1/ai/models/claude-3-opus/", {
      data: { output_usd_per_million: "60", source: "e2e price edit" },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      output_usd_per_token: "0.00006",
      output_usd_per_million: "60",
      source: "e2e price edit",
    });
    const cost = await (
      await admin.post("/api/v1/ai/cost/", { data: { model: "claude-3-opus", input_tokens: 0, output_tokens: 1000 } })
    ).json();
    expect(cost.cost_usd).toBe("0.060000");
    const history = await (await admin.get("/api/v1/ai/models/claude-3-opus/history/")).json();
    expect(history.results[0]).toMatchObject({
      old: { output_usd_per_token: before.output_usd_per_token },
      new: { output_usd_per_token: "0.00006", source: "e2e price edit" },
    });
    const missingSource = await admin.patch("/api/v1/ai/models/claude-3-opus/", {
      data: { output_usd_per_million: "1" },
    });
    expect((await missingSource.json()).error.message).toMatch(/^source: is required/);
    const negative = await admin.patch("/api/v1/ai/models/claude-3-opus/", {
      data: { output_usd_per_million: "-1", source: "x" },
    });
    expect(negative.status()).toBe(422);
  } finally {
    await admin.patch("/api/v1/ai/models/claude-3-opus/", {
      data: { output_usd_per_token: before.output_usd_per_token, source: before.source },
    });
  }
});
