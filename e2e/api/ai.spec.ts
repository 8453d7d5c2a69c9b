import { expect, test, type APIRequestContext } from "@playwright/test";
import { createTenant, type Tenant } from "../support/tenant";
import { newApiContext } from "../support/openapi";
import { E2E_ADMIN_EMAIL } from "../support/env";

/** Keys the provider fakes (test/fakes/serve.ts) accept. */
const good = {
  openai: "sk-test-good-key-1234",
  anthropic: "sk-ant-test-good-key-5678",
  runware: "rw-test-good-key-9012",
  bria: "bria-test-good-key-3456",
};
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** A tenant that is certainly not the install's first user (who becomes a system admin). */
async function ordinaryTenant(baseURL: string, label: string): Promise<Tenant> {
  await createTenant(baseURL, `${label}-before`);
  return createTenant(baseURL, label);
}

/** The system admin named in ADMIN_EMAILS (signs up once per server, then signs in). */
async function platformAdmin(baseURL: string): Promise<APIRequestContext> {
  const session = await newApiContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const credentials = { email: E2E_ADMIN_EMAIL, password: "correct horse battery" };
  const signUp = await session.post("/api/auth/sign-up/email", { data: { ...credentials, name: "Platform admin" } });
  if (!signUp.ok()) expect((await session.post("/api/auth/sign-in/email", { data: credentials })).ok()).toBe(true);
  const { key } = await (await session.post("/api/v1/api-keys/", { data: { name: "e2e admin" } })).json();
  await session.dispose();
  return newApiContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
}

test("an owner saves a key, sees only its last 4, tests it, and the result is stored", async ({ baseURL }) => {
  const { api } = await ordinaryTenant(baseURL!, "ai-owner");
  const initial = await (await api.get("/api/v1/settings/ai/")).json();
  expect(initial.providers.anthropic).toMatchObject({ has_key: false, key_last4: null, source: "none" });
  expect(initial.permissions).toEqual({ edit_account: true, edit_global: false });
  expect(initial.defaults.text_model).toEqual({ value: "gpt-4o-mini", source: "global" });

  const put = await api.put("/api/v1/settings/ai/", {
    data: { scope: "account", keys: { anthropic: good.anthropic } },
  });
  expect(put.status()).toBe(200);
  const putText = await put.text();
  expect(putText).not.toContain(good.anthropic);
  expect(JSON.parse(putText).providers.anthropic).toMatchObject({
    has_key: true,
    key_last4: "5678",
    status: "untested",
    source: "account",
  });

  const tested = await (await api.post("/api/v1/settings/ai/test/", { data: { provider: "anthropic" } })).json();
  expect(tested).toMatchObject({
    ok: true,
    tested: "account",
    models_available: expect.arrayContaining(["claude-3-haiku-20240307"]),
  });
  const after = await api.get("/api/v1/settings/ai/");
  expect(await after.text()).not.toContain(good.anthropic);
  expect((await after.json()).providers.anthropic).toMatchObject({ status: "ok", last_tested_at: tested.tested_at });

  const candidate = await (
    await api.post("/api/v1/settings/ai/test/", { data: { provider: "openai", api_key: "sk-wrong-candidate-0000" } })
  ).json();
  expect(candidate).toMatchObject({ ok: false, code: "auth_failed", tested: "candidate" });
  expect(JSON.stringify(candidate)).not.toContain("sk-wrong-candidate-0000");

  const removed = await (
    await api.put("/api/v1/settings/ai/", { data: { scope: "account", keys: { anthropic: "" } } })
  ).json();
  expect(removed.providers.anthropic.account.has_key).toBe(false);
  const noKey = await api.post("/api/v1/settings/ai/test/", { data: { provider: "anthropic", scope: "account" } });
  expect(noKey.status()).toBe(422);
  expect((await noKey.json()).error.code).toBe("no_api_key");
});

test("defaults must be active models of the right type; the platform's settings need a system admin", async ({
  baseURL,
}) => {
  const { api } = await ordinaryTenant(baseURL!, "ai-defaults");
  const cases: [unknown, RegExp][] = [
    [{ scope: "account", default_text_model: "dall-e-3" }, /^default_text_model: dall-e-3 is an image model/],
    [{ scope: "account", default_image_model: "gpt-4o" }, /^default_image_model: gpt-4o is a text model/],
    [
      { scope: "account", default_image_model: "no-such-model" },
      /^default_image_model: no-such-model is not an active model/,
    ],
    [
      { scope: "account", default_image_model: "dall-e-3", default_image_provider: "runware" },
      /^default_image_model: dall-e-3 is an OpenAI model/,
    ],
    [{ scope: "account", default_image_provider: "anthropic" }, /^default_image_provider: must be one of/],
    [{ scope: "account", keys: { openai: "short" } }, /^keys\.openai: must be at least 8 characters/],
    [{ scope: "account", keys: { mistral: "sk-whatever-123" } }, /^keys/],
    [{ scope: "account" }, /send at least one of/],
    [{ scope: "everyone", default_text_model: "gpt-4o" }, /^scope: must be global or account/],
  ];
  for (const [data, message] of cases) {
    const res = await api.put("/api/v1/settings/ai/", { data });
    expect(res.status(), JSON.stringify(data)).toBe(422);
    expect((await res.json()).error.message, JSON.stringify(data)).toMatch(message);
  }
  const ok = await (
    await api.put("/api/v1/settings/ai/", {
      data: {
        scope: "account",
        default_text_model: "claude-3-5-sonnet",
        default_image_provider: "bria",
        default_image_model: "bria-2.2",
      },
    })
  ).json();
  expect(ok.defaults).toEqual({
    text_model: { value: "claude-3-5-sonnet", source: "account" },
    image_model: { value: "bria-2.2", source: "account" },
    image_provider: { value: "bria", source: "account" },
  });

  const global = await api.put("/api/v1/settings/ai/", {
    data: { scope: "global", keys: { openai: "sk-hijack-platform-0000" } },
  });
  expect(global.status()).toBe(403);
  expect((await global.json()).error.code).toBe("forbidden");
  const models = await api.patch("/api/v1/ai/models/gpt-4o/", {
    data: { input_usd_per_million: "0", source: "free!" },
  });
  expect(models.status()).toBe(403);
});

test("the platform key serves every account without its own; an account's key overrides it", async ({ baseURL }) => {
  const admin = await platformAdmin(baseURL!);
  const { api } = await ordinaryTenant(baseURL!, "ai-byok");
  // Runware is used by no other e2e test, so its platform key can be set and removed here.
  const set = await admin.put("/api/v1/settings/ai/", { data: { scope: "global", keys: { runware: good.runware } } });
  expect(set.status()).toBe(200);
  try {
    expect((await (await api.get("/api/v1/settings/ai/")).json()).providers.runware).toMatchObject({
      has_key: true,
      key_last4: "9012",
      source: "global",
    });
    const image = await api.post("/api/v1/ai/generate/image/", {
      data: { prompt: "A teapot", provider: "runware", size: "512x512" },
    });
    expect(image.status()).toBe(201);
    expect(await image.json()).toMatchObject({ model: "runware-v2", cost_usd: "0.000600" });

    await api.put("/api/v1/settings/ai/", {
      data: { scope: "account", keys: { runware: "rw-account-own-but-wrong" } },
    });
    const view = await (await api.get("/api/v1/settings/ai/")).json();
    expect(view.providers.runware).toMatchObject({
      source: "account",
      account: { key_last4: "rong" },
      global: { key_last4: "9012" },
    });
    const refused = await api.post("/api/v1/ai/generate/image/", {
      data: { prompt: "A teapot", provider: "runware", size: "512x512" },
    });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error).toMatchObject({
      code: "auth_failed",
      fix: expect.stringMatching(/Runware key/),
    });
  } finally {
    await admin.put("/api/v1/settings/ai/", { data: { scope: "global", keys: { runware: "" } } });
  }
});

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

test("an account's AI settings, keys and usage are its own", async ({ baseURL }) => {
  const a = await ordinaryTenant(baseURL!, "ai-tenant-a");
  const b = await createTenant(baseURL!, "ai-tenant-b");
  await a.api.put("/api/v1/settings/ai/", {
    data: {
      scope: "account",
      keys: { bria: good.bria },
      default_image_provider: "bria",
      default_image_model: "bria-2.3",
    },
  });
  const seenByB = await (await b.api.get("/api/v1/settings/ai/")).json();
  expect(seenByB.providers.bria.account).toMatchObject({ has_key: false });
  expect(seenByB.account_defaults).toEqual({
    default_text_model: null,
    default_image_model: null,
    default_image_provider: null,
  });
  const test = await b.api.post("/api/v1/settings/ai/test/", { data: { provider: "bria", scope: "account" } });
  expect((await test.json()).error.code).toBe("no_api_key");
  const generated = await b.api.post("/api/v1/ai/generate/image/", { data: { prompt: "x", provider: "bria" } });
  expect((await generated.json()).error.code).toBe("no_api_key");
});
