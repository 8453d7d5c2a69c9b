import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { images } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { startBriaFake } from "@/test/fakes/bria";
import { startOpenAiFake } from "@/test/fakes/openai";
import { startRunwareFake } from "@/test/fakes/runware";
import { fakePng, type FakeServer } from "@/test/fakes/server";
import { ApiError } from "../api/errors";
import { updateAiSettings } from "./ai-settings";
import { generateImage, generateText, getAiUsage, getStoredImageResponse } from "./ai-generate";
import { editAiModel, getAiModelOr404, listAiModelHistory, priceAiCall, toAiModelDto } from "./ai-models";

const keys = { openai: "sk-gen-svc-openai-1111", runware: "rw-gen-svc-3333", bria: "bria-gen-svc-4444" };
const noRetries = { maxRetries: 0 };
let fakes: Record<keyof typeof keys, FakeServer>;
let admin: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  fakes = {
    openai: await startOpenAiFake(keys.openai),
    runware: await startRunwareFake(keys.runware),
    bria: await startBriaFake(keys.bria),
  };
  process.env.OPENAI_BASE_URL = `${fakes.openai.origin}/v1`;
  process.env.RUNWARE_BASE_URL = `${fakes.runware.origin}/v1`;
  process.env.BRIA_BASE_URL = `${fakes.bria.origin}/v1`;
  admin = await createTestTenant("platform-admin", { isSystemAdmin: true });
});
afterAll(async () => {
  await Promise.all(Object.values(fakes ?? {}).map((f) => f.close()));
});
beforeEach(() => Object.values(fakes).forEach((f) => f.reset()));

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

async function tenantWithKeys(label: string) {
  const tenant = await createTestTenant(label);
  await updateAiSettings(tenant.db, tenant.auth, { scope: "account", keys });
  return tenant;
}

describe("text generation", () => {
  it("uses the platform's default model, prices it and adds it to the month", async () => {
    const { db, auth } = await tenantWithKeys("text");
    const result = await generateText(db, auth.accountId, { prompt: "Title for a tea post" }, noRetries);
    expect(result).toEqual({
      text: "Echo: Title for a tea post",
      model: "gpt-4o-mini",
      usage: { input_tokens: 1000, output_tokens: 500, cached_input_tokens: 200 },
      cost_usd: "0.000435",
    });
    expect(fakes.openai.requests[0].body).toMatchObject({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Title for a tea post" }],
    });
    await generateText(db, auth.accountId, { prompt: "again", model: "gpt-4o" }, noRetries);
    // gpt-4o: 800 x 2.50/1M + 200 x 1.25/1M + 500 x 10/1M = 0.00725
    expect(await getAiUsage(db, auth.accountId)).toMatchObject({
      calls: 2,
      input_tokens: 2000,
      output_tokens: 1000,
      images: 0,
      cost_usd: "0.007685",
    });
    expect(await getAiUsage(db, auth.accountId, "2020-01")).toMatchObject({
      month: "2020-01",
      calls: 0,
      cost_usd: "0.000000",
    });
  });

  it("maps provider failures to clear API errors and records nothing", async () => {
    const { db, auth } = await tenantWithKeys("failures");
    fakes.openai.mode = "rate_limited";
    const limited = await apiError(generateText(db, auth.accountId, { prompt: "x" }, noRetries));
    expect(limited).toMatchObject({ code: "rate_limited", status: 429, headers: { "retry-after": "7" } });
    expect(limited.fix).toBe("Try again in 7 seconds.");
    fakes.openai.mode = "malformed";
    expect(await apiError(generateText(db, auth.accountId, { prompt: "x" }, noRetries))).toMatchObject({
      code: "invalid_response",
      status: 502,
    });
    fakes.openai.mode = "quota";
    expect(await apiError(generateText(db, auth.accountId, { prompt: "x" }, noRetries))).toMatchObject({
      code: "quota_exceeded",
      status: 422,
    });
    fakes.openai.mode = "ok";
    expect(
      await apiError(generateText(db, auth.accountId, { prompt: "x", model: "dall-e-3" }, noRetries)),
    ).toMatchObject({ code: "validation_error" });
    expect(await apiError(generateText(db, auth.accountId, { prompt: "x", model: "gpt-17" }, noRetries))).toMatchObject(
      { code: "unknown_model", status: 422 },
    );
    expect((await getAiUsage(db, auth.accountId)).calls).toBe(0);
  });
});

describe("image generation", () => {
  it("stores the image with us and serves it to its account only", async () => {
    const { db, auth } = await tenantWithKeys("image");
    const result = await generateImage(db, auth.accountId, { prompt: "A teapot", quality: "hd" }, noRetries);
    expect(result).toMatchObject({
      model: "dall-e-3",
      provider: "openai",
      size: "1024x1024",
      mime_type: "image/png",
      cost_usd: "0.080000",
    });
    expect(result.url).toMatch(new RegExp(`/api/v1/ai/images/${result.image_id}/$`));
    expect(fakes.openai.requests[0].body).toMatchObject({
      model: "dall-e-3",
      prompt: "A teapot",
      size: "1024x1024",
      quality: "hd",
    });

    const [row] = await db.select().from(images).where(eq(images.id, result.image_id));
    expect(row).toMatchObject({ accountId: auth.accountId, contentId: null, mimeType: "image/png" });
    expect(Buffer.from(row.data!).equals(Buffer.from(fakePng))).toBe(true);

    const response = await getStoredImageResponse(db, auth.accountId, result.image_id);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(fakePng))).toBe(true);
    const other = await createTestTenant("other");
    expect(await apiError(getStoredImageResponse(db, other.auth.accountId, result.image_id))).toMatchObject({
      status: 404,
    });
  });

  it("follows the provider asked for, else the account's default provider", async () => {
    const { db, auth } = await tenantWithKeys("providers");
    expect(
      await generateImage(db, auth.accountId, { prompt: "x", provider: "runware", size: "512x512" }, noRetries),
    ).toMatchObject({
      model: "runware-v2",
      cost_usd: "0.000600",
    });
    await updateAiSettings(db, auth, {
      scope: "account",
      default_image_provider: "bria",
      default_image_model: "bria-2.3-fast",
    });
    const bria = await generateImage(db, auth.accountId, { prompt: "x" }, noRetries);
    expect(bria).toMatchObject({ model: "bria-2.3-fast", provider: "bria", cost_usd: "0.020000" });
    expect(fakes.bria.requests[0].path).toBe("/v1/text-to-image/fast/2.3");
    expect(fakes.bria.requests[0].headers.api_token).toBe(keys.bria);
    expect(await getAiUsage(db, auth.accountId)).toMatchObject({ images: 2, cost_usd: "0.020600" });
  });

  it("refuses an unpriced size before calling the provider", async () => {
    const { db, auth } = await tenantWithKeys("size");
    expect(
      await apiError(generateImage(db, auth.accountId, { prompt: "x", model: "dall-e-3", size: "640x480" }, noRetries)),
    ).toMatchObject({
      code: "validation_error",
    });
    expect(fakes.openai.requests).toHaveLength(0);
  });
});

describe("registry through the services", () => {
  it("prices the issue's example exactly and refuses unknown models", async () => {
    const { db } = admin;
    expect(await priceAiCall(db, { model: "gpt-4o-mini", input_tokens: 1000, output_tokens: 500 })).toEqual({
      model: "gpt-4o-mini",
      type: "text",
      cost_usd: "0.000450",
      currency: "USD",
    });
    expect((await priceAiCall(db, { model: "dall-e-3", size: "1024x1792", quality: "hd", n: 3 })).cost_usd).toBe(
      "0.360000",
    );
    expect(
      await apiError(priceAiCall(db, { model: "gpt-5-imaginary", input_tokens: 1, output_tokens: 1 })),
    ).toMatchObject({ code: "unknown_model", status: 422 });
  });

  it("lets a system admin edit a price per 1M tokens, keeps the history and prices with the new rate at once", async () => {
    const { db, auth } = admin;
    const owner = await createTestTenant("not-admin");
    expect(
      await apiError(editAiModel(db, owner.auth, "claude-3-opus", { input_usd_per_million: "1", source: "x" })),
    ).toMatchObject({ status: 403 });
    const before = toAiModelDto(await getAiModelOr404(db, "claude-3-opus"));
    expect(before).toMatchObject({
      input_usd_per_million: "15",
      output_usd_per_million: "75",
      input_usd_per_token: "0.000015",
    });

    // The registry is platform-wide: the seeded price comes back afterwards, so the suite can run again on the same database.
    try {
      const edited = await editAiModel(db, auth, "claude-3-opus", {
        input_usd_per_million: "12.5",
        source: "https://www.anthropic.com/pricing (test edit)",
      });
      expect(edited).toMatchObject({
        input_usd_per_token: "0.0000125",
        input_usd_per_million: "12.5",
        output_usd_per_million: "75",
      });
      expect((await priceAiCall(db, { model: "claude-3-opus", input_tokens: 1000, output_tokens: 0 })).cost_usd).toBe(
        "0.012500",
      );
      const {
        results: [last],
      } = await listAiModelHistory(db, "claude-3-opus", { page: 1, page_size: 1 });
      expect(last).toMatchObject({
        model: "claude-3-opus",
        old: { input_usd_per_token: "0.000015" },
        new: { input_usd_per_token: "0.0000125", source: "https://www.anthropic.com/pricing (test edit)" },
        changed_by: auth.userId,
      });
    } finally {
      await editAiModel(db, auth, "claude-3-opus", {
        input_usd_per_million: "15",
        source: "https://www.anthropic.com/pricing",
      });
    }
    expect(
      await apiError(editAiModel(db, auth, "dall-e-3", { input_usd_per_million: "1", source: "x" })),
    ).toMatchObject({ code: "validation_error" });
    expect(await apiError(editAiModel(db, auth, "nope", { source: "x" }))).toMatchObject({ status: 404 });
  });
});
