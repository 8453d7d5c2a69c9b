import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { aiModelConfigs, aiModelPriceHistory } from "@/db/tables";
import { GET } from "@/app/api/v1/ai/models/[model]/history/route";
import { invalidateModelCache } from "@/lib/ai/registry";
import { createTestTenant } from "@/test/support/db";

// A model of its own (inactive, so no other test lists it), with more price edits than a page.
const modelId = `history-test-${crypto.randomUUID()}`;
const EDITS = 7;

describe("a model's price history", () => {
  afterAll(async () => {
    await (await getDb()).delete(aiModelConfigs).where(eq(aiModelConfigs.modelId, modelId));
    invalidateModelCache();
  });

  it("is paged in order, with the total, across more edits than a page", async () => {
    const { db, apiKey } = await createTestTenant("history");
    await db.insert(aiModelConfigs).values({
      modelId,
      provider: "openai",
      type: "text",
      displayName: "History test",
      providerModelId: modelId,
      inputUsdPerToken: "0.000001",
      outputUsdPerToken: "0.000002",
      isActive: false,
      source: "test",
      effectiveAt: new Date(),
    });
    invalidateModelCache();
    await db.insert(aiModelPriceHistory).values(
      Array.from({ length: EDITS }, (_, i) => ({
        modelId,
        newSource: `edit ${i}`,
        changedAt: sql`now() - make_interval(secs => ${EDITS - i})`,
      })),
    );
    const page = async (n: number) => {
      const url = `http://test/api/v1/ai/models/${modelId}/history/?page=${n}&page_size=3`;
      const res = await GET(new Request(url, { headers: { authorization: `Bearer ${apiKey}` } }), {
        params: Promise.resolve({ model: modelId }),
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    const sources = (body: { results: { new: { source: string } }[] }) => body.results.map((r) => r.new.source);

    const first = await page(1);
    expect(first).toMatchObject({ count: EDITS, previous: null });
    expect(first.next).toContain("page=2");
    expect(sources(first)).toEqual(["edit 6", "edit 5", "edit 4"]);
    expect(sources(await page(2))).toEqual(["edit 3", "edit 2", "edit 1"]);
    const last = await page(3);
    expect(last).toMatchObject({ count: EDITS, next: null });
    expect(sources(last)).toEqual(["edit 0"]);
    expect(await page(4)).toMatchObject({ count: EDITS, results: [] });
  });
});
