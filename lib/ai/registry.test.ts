import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { globalIntegrationSettings } from "@/db/schema/ai";
import { createTestDb } from "@/test/fakes/database";
import { AiError } from "./errors";
import {
  calculateCost,
  calculateImageCost,
  getModel,
  listModels,
  listPriceHistory,
  updateModelPrice,
} from "./registry";

let testDb: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AiError) return error.code;
    throw error;
  }
  return undefined;
}

describe("model registry on a migrated database", () => {
  it("seeds every model of the spec, one provider per migration", async () => {
    const ids = (await listModels(testDb.db)).map((m) => m.modelId).sort();
    expect(ids).toEqual(
      [
        "bria-2.2",
        "bria-2.3",
        "bria-2.3-fast",
        "claude-3-5-sonnet",
        "claude-3-haiku",
        "claude-3-opus",
        "dall-e-3",
        "gpt-4o",
        "gpt-4o-mini",
        "runware-v2",
      ].sort(),
    );
    for (const model of await listModels(testDb.db)) {
      expect(model.source).toMatch(/^https:\/\//);
      expect(model.effectiveAt).toBeInstanceOf(Date);
    }
  });

  it("filters by type and provider", async () => {
    const text = await listModels(testDb.db, { type: "text" });
    expect(text.map((m) => m.modelId).sort()).toEqual(
      ["claude-3-5-sonnet", "claude-3-haiku", "claude-3-opus", "gpt-4o", "gpt-4o-mini"].sort(),
    );
    const openaiImages = await listModels(testDb.db, { type: "image", provider: "openai" });
    expect(openaiImages.map((m) => m.modelId)).toEqual(["dall-e-3"]);
    expect((await listModels(testDb.db, { provider: "bria" })).length).toBe(3);
  });

  it("stores prices as exact decimals", async () => {
    const mini = await getModel(testDb.db, "gpt-4o-mini");
    expect(mini.inputUsdPerToken).toBe("0.000000150000");
    expect(mini.cachedInputUsdPerToken).toBe("0.000000075000");
    expect(mini.contextWindow).toBe(128000);
    const dalle = await getModel(testDb.db, "dall-e-3");
    expect(dalle.imagePrices?.["1024x1792"]).toEqual({ standard: "0.080", hd: "0.120" });
  });

  it("prices gpt-4o-mini 1000 in + 500 out at 0.000450", async () => {
    expect(await calculateCost(testDb.db, "gpt-4o-mini", { inputTokens: 1000, outputTokens: 500 })).toBe("0.000450");
  });

  it.each([
    ["gpt-4o", 1_000_000, 1_000_000, 0, "12.500000"],
    ["gpt-4o", 2000, 300, 1000, "0.006750"],
    ["gpt-4o-mini", 1, 0, 1, "0.000000075"],
    ["claude-3-5-sonnet", 1000, 500, 0, "0.010500"],
    ["claude-3-opus", 10_000, 2000, 4000, "0.246000"],
    ["claude-3-haiku", 123_457, 6789, 100_000, "0.0173505"],
  ] as const)(
    "prices %s from the seeded rates: %i in, %i out, %i cached",
    async (model, input, output, cached, expected) => {
      expect(
        await calculateCost(testDb.db, model, { inputTokens: input, outputTokens: output, cachedInputTokens: cached }),
      ).toBe(expected);
    },
  );

  it.each([
    ["dall-e-3", "1024x1024", "standard", 1, "0.040000"],
    ["dall-e-3", "1024x1024", "hd", 2, "0.160000"],
    ["dall-e-3", "1792x1024", "standard", 1, "0.080000"],
    ["dall-e-3", "1024x1792", "hd", 3, "0.360000"],
    ["runware-v2", "1024x1024", "standard", 5, "0.003000"],
    ["bria-2.3", "1344x768", "standard", 1, "0.040000"],
    ["bria-2.3-fast", "1024x1024", "standard", 4, "0.080000"],
    ["bria-2.2", "1024x1024", "standard", 1, "0.040000"],
  ] as const)("prices %s %s %s x%i", async (model, size, quality, n, expected) => {
    expect(await calculateImageCost(testDb.db, model, { size, quality, n })).toBe(expected);
  });

  it("refuses a DALL-E 3 size it has no price for", async () => {
    expect(
      await errorCode(calculateImageCost(testDb.db, "dall-e-3", { size: "512x512", quality: "standard", n: 1 })),
    ).toBe("invalid_input");
  });

  it("rejects unknown models instead of guessing a price", async () => {
    expect(await errorCode(getModel(testDb.db, "gpt-5-imaginary"))).toBe("unknown_model");
    expect(await errorCode(calculateCost(testDb.db, "gpt-5-imaginary", { inputTokens: 1, outputTokens: 1 }))).toBe(
      "unknown_model",
    );
    expect(await errorCode(calculateImageCost(testDb.db, "nope", { size: "1024x1024" }))).toBe("unknown_model");
  });

  it("refuses to price a text model per image and an image model per token", async () => {
    expect(await errorCode(calculateImageCost(testDb.db, "gpt-4o", { size: "1024x1024" }))).toBe("invalid_input");
    expect(await errorCode(calculateCost(testDb.db, "dall-e-3", { inputTokens: 1, outputTokens: 1 }))).toBe(
      "invalid_input",
    );
  });
});

describe("AI settings tables", () => {
  it("hold one platform row with the seeded defaults, and refuse a second", async () => {
    const rows = await testDb.db.select().from(globalIntegrationSettings);
    expect(rows).toEqual([
      expect.objectContaining({
        id: 1,
        openaiApiKey: null,
        defaultTextModel: "gpt-4o-mini",
        defaultImageModel: "dall-e-3",
        defaultImageProvider: "openai",
      }),
    ]);
    await expect(testDb.db.insert(globalIntegrationSettings).values({ id: 2 })).rejects.toThrow();
    expect(await testDb.db.select().from(globalIntegrationSettings)).toHaveLength(1);
  });
});

describe("price edits", () => {
  it("take effect at once, keep history, and an inactive model is unknown", async () => {
    const { db, close } = await createTestDb();
    try {
      expect(await calculateCost(db, "gpt-4o", { inputTokens: 1000, outputTokens: 0 })).toBe("0.002500");
      // Change the price behind the cache's back: the cached value is still served...
      await db.execute(sql`update ai_model_configs set input_usd_per_token = '0.000009' where model_id = 'gpt-4o'`);
      expect(await calculateCost(db, "gpt-4o", { inputTokens: 1000, outputTokens: 0 })).toBe("0.002500");
      // ...whereas an edit through the registry is visible immediately.
      await updateModelPrice(db, {
        modelId: "gpt-4o",
        inputUsdPerToken: "0.000005",
        source: "https://openai.com/api/pricing/ (test edit)",
        changedBy: "user-1",
      });
      expect(await calculateCost(db, "gpt-4o", { inputTokens: 1000, outputTokens: 0 })).toBe("0.005000");

      const [entry] = await listPriceHistory(db, "gpt-4o");
      expect(entry).toMatchObject({
        oldInputUsdPerToken: "0.000009000000",
        newInputUsdPerToken: "0.000005000000",
        oldOutputUsdPerToken: "0.000010000000",
        newOutputUsdPerToken: "0.000010000000",
        changedBy: "user-1",
      });

      await updateModelPrice(db, {
        modelId: "dall-e-3",
        imagePrices: { "1024x1024": { standard: "0.050", hd: "0.090" } },
        source: "test",
        changedBy: null,
      });
      expect(await calculateImageCost(db, "dall-e-3", { size: "1024x1024", quality: "hd", n: 1 })).toBe("0.090000");
      expect(await errorCode(calculateImageCost(db, "dall-e-3", { size: "1792x1024", quality: "hd", n: 1 }))).toBe(
        "invalid_input",
      );

      await updateModelPrice(db, { modelId: "claude-3-opus", isActive: false, source: "retired", changedBy: "user-1" });
      expect(await errorCode(calculateCost(db, "claude-3-opus", { inputTokens: 1, outputTokens: 1 }))).toBe(
        "unknown_model",
      );
      expect((await listModels(db, { provider: "anthropic" })).map((m) => m.modelId)).not.toContain("claude-3-opus");
      expect((await getModel(db, "claude-3-opus", { includeInactive: true })).isActive).toBe(false);
    } finally {
      await close();
    }
  });

  it.each([
    [{ inputUsdPerToken: "-0.1" }, "invalid_input"],
    [{ inputUsdPerToken: "abc" }, "invalid_input"],
    [{ outputUsdPerToken: "0.0000000000001" }, "invalid_input"],
    [{ imagePrices: { big: { standard: "0.1" } } }, "invalid_input"],
    [{ imagePrices: { "1024x1024": { standard: "free" } } }, "invalid_input"],
    [{ modelId: "missing-model" }, "unknown_model"],
  ])("rejects %j with %s and changes nothing", async (change, code) => {
    const before = await getModel(testDb.db, "gpt-4o-mini");
    expect(
      await errorCode(updateModelPrice(testDb.db, { modelId: "gpt-4o-mini", source: "x", changedBy: null, ...change })),
    ).toBe(code);
    expect(await getModel(testDb.db, "gpt-4o-mini")).toEqual(before);
  });
});
