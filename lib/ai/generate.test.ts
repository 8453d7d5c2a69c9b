import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accounts } from "@/db/schema/accounts";
import { aiUsage } from "@/db/schema/ai";
import { startAnthropicFake } from "@/test/fakes/anthropic";
import { startBriaFake } from "@/test/fakes/bria";
import { createTestDb } from "@/test/fakes/database";
import { startOpenAiFake } from "@/test/fakes/openai";
import { startRunwareFake } from "@/test/fakes/runware";
import { fakePng, type FakeServer } from "@/test/fakes/server";
import { AiError } from "./errors";
import { generateImageForAccount, generateTextForAccount } from "./generate";
import { getMonthlyUsage } from "./usage";

let testDb: Awaited<ReturnType<typeof createTestDb>>;
let fakes: Record<"openai" | "anthropic" | "runware" | "bria", FakeServer>;
const keys = {
  openai: "sk-gen-openai-1111",
  anthropic: "sk-ant-gen-2222",
  runware: "rw-gen-3333",
  bria: "bria-gen-4444",
};

beforeAll(async () => {
  testDb = await createTestDb();
  fakes = {
    openai: await startOpenAiFake(keys.openai),
    anthropic: await startAnthropicFake(keys.anthropic),
    runware: await startRunwareFake(keys.runware),
    bria: await startBriaFake(keys.bria),
  };
});
afterAll(async () => {
  await Promise.all(Object.values(fakes ?? {}).map((f) => f.close()));
  await testDb?.close();
});
beforeEach(() => Object.values(fakes).forEach((f) => f.reset()));

const options = (provider: keyof typeof fakes) => ({
  baseUrl: provider === "anthropic" ? fakes.anthropic.origin : `${fakes[provider].origin}/v1`,
  maxRetries: 0,
});

async function newAccount(): Promise<string> {
  const [row] = await testDb.db.insert(accounts).values({ name: "Test account" }).returning();
  return row.id;
}

async function ledger(accountId: string) {
  return testDb.db.select().from(aiUsage).where(eq(aiUsage.accountId, accountId));
}

async function failure(promise: Promise<unknown>): Promise<AiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AiError)) throw new Error(`expected an AiError, got ${String(error)}`);
  return error;
}

describe("priced and recorded generation", () => {
  it("prices an OpenAI call from its usage, cached tokens at the cache rate, and records it", async () => {
    const accountId = await newAccount();
    const result = await generateTextForAccount(testDb.db, {
      accountId,
      modelId: "gpt-4o-mini",
      prompt: "Title for a tea post",
      apiKey: keys.openai,
      providerOptions: options("openai"),
    });
    // 800 x 0.15/1M + 200 x 0.075/1M + 500 x 0.60/1M
    expect(result).toEqual({
      text: "Echo: Title for a tea post",
      model: "gpt-4o-mini",
      usage: { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 200 },
      costUsd: "0.000435",
    });
    expect(fakes.openai.requests[0].body).toMatchObject({ model: "gpt-4o-mini", max_completion_tokens: 16384 });
    expect(await ledger(accountId)).toEqual([
      expect.objectContaining({
        modelId: "gpt-4o-mini",
        provider: "openai",
        kind: "text",
        inputTokens: 1000,
        outputTokens: 500,
        cachedInputTokens: 200,
        images: 0,
        costUsd: "0.000435000000",
      }),
    ]);
  });

  it("calls Anthropic with the provider's model id and the registry's output limit", async () => {
    const accountId = await newAccount();
    const result = await generateTextForAccount(testDb.db, {
      accountId,
      modelId: "claude-3-haiku",
      prompt: "Hello",
      apiKey: keys.anthropic,
      providerOptions: options("anthropic"),
    });
    // 800 x 0.25/1M + 200 x 0.03/1M + 500 x 1.25/1M
    expect(result.costUsd).toBe("0.000831");
    expect(fakes.anthropic.requests[0].body).toMatchObject({ model: "claude-3-haiku-20240307", max_tokens: 4096 });
  });

  it.each([
    ["dall-e-3", "openai", "1024x1024", "hd", "0.080000"],
    ["runware-v2", "runware", "1024x1024", undefined, "0.000600"],
    ["bria-2.3-fast", "bria", "1344x768", undefined, "0.020000"],
  ] as const)(
    "generates a %s image, returns its bytes and records its price",
    async (modelId, provider, size, quality, cost) => {
      const accountId = await newAccount();
      const result = await generateImageForAccount(testDb.db, {
        accountId,
        modelId,
        prompt: "A teapot",
        size,
        quality,
        apiKey: keys[provider],
        providerOptions: options(provider),
      });
      expect(result.costUsd).toBe(cost);
      expect(Buffer.from(result.image.bytes).equals(Buffer.from(fakePng))).toBe(true);
      expect(await ledger(accountId)).toEqual([expect.objectContaining({ modelId, kind: "image", images: 1 })]);
    },
  );

  it("refuses an unpriced image size before calling the provider", async () => {
    const accountId = await newAccount();
    const error = await failure(
      generateImageForAccount(testDb.db, {
        accountId,
        modelId: "dall-e-3",
        prompt: "x",
        size: "512x512",
        apiKey: keys.openai,
        providerOptions: options("openai"),
      }),
    );
    expect(error.code).toBe("invalid_input");
    expect(fakes.openai.requests).toHaveLength(0);
    expect(await ledger(accountId)).toEqual([]);
  });

  it("records nothing when the provider refuses the key or the model is unknown", async () => {
    const accountId = await newAccount();
    const denied = await failure(
      generateTextForAccount(testDb.db, {
        accountId,
        modelId: "gpt-4o",
        prompt: "x",
        apiKey: "sk-not-valid-9999",
        providerOptions: options("openai"),
      }),
    );
    expect(denied.code).toBe("auth_failed");
    const unknown = await failure(
      generateTextForAccount(testDb.db, {
        accountId,
        modelId: "gpt-17",
        prompt: "x",
        apiKey: keys.openai,
        providerOptions: options("openai"),
      }),
    );
    expect(unknown.code).toBe("unknown_model");
    expect(fakes.openai.requests).toHaveLength(1);
    expect(await ledger(accountId)).toEqual([]);
  });

  it("totals an account's month exactly and keeps accounts apart", async () => {
    const accountId = await newAccount();
    const other = await newAccount();
    for (let i = 0; i < 3; i++) {
      await generateTextForAccount(testDb.db, {
        accountId,
        modelId: "gpt-4o-mini",
        prompt: "x",
        apiKey: keys.openai,
        providerOptions: options("openai"),
      });
    }
    await generateImageForAccount(testDb.db, {
      accountId,
      modelId: "runware-v2",
      prompt: "x",
      size: "512x512",
      apiKey: keys.runware,
      providerOptions: options("runware"),
    });
    expect(await getMonthlyUsage(testDb.db, { accountId })).toMatchObject({
      calls: 4,
      inputTokens: 3000,
      outputTokens: 1500,
      images: 1,
      costUsd: "0.001905", // 3 x 0.000435 + 0.0006
    });
    expect(await getMonthlyUsage(testDb.db, { accountId: other })).toMatchObject({ calls: 0, costUsd: "0.000000" });
    const lastYear = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 15));
    expect((await getMonthlyUsage(testDb.db, { accountId, at: lastYear })).calls).toBe(0);
  });
});
