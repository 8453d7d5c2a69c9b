import { expect, test } from "@playwright/test";
import { createTenant, ordinaryTenant } from "../support/tenant";
import { good, platformAdmin } from "../support/ai";

// Keys, defaults, the platform key and tenancy of AI settings; generation and prices: ai-generate.spec.ts.

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
