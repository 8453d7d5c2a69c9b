import { describe, expect, it } from "vitest";
import { computeImageCost, computeTextCost, formatUsd, perMillionToPerToken, type TokenRates } from "./cost";
import { AiError } from "./errors";

/** The list prices of the seeded text models, USD per 1M tokens: input, output, cache read. */
const perMillion: Record<string, [string, string, string]> = {
  "gpt-4o": ["2.50", "10.00", "1.25"],
  "gpt-4o-mini": ["0.15", "0.60", "0.075"],
  "claude-3-5-sonnet": ["3.00", "15.00", "0.30"],
  "claude-3-opus": ["15.00", "75.00", "1.50"],
  "claude-3-haiku": ["0.25", "1.25", "0.03"],
};

function rates(model: string): TokenRates {
  const [input, output, cached] = perMillion[model];
  return {
    inputUsdPerToken: perMillionToPerToken(input),
    outputUsdPerToken: perMillionToPerToken(output),
    cachedInputUsdPerToken: perMillionToPerToken(cached),
  };
}

// Expected values computed by hand: (input - cached) x in + cached x cache + output x out.
const textCases: [string, number, number, number, string][] = [
  ["gpt-4o-mini", 1000, 500, 0, "0.000450"],
  ["gpt-4o-mini", 0, 0, 0, "0.000000"],
  ["gpt-4o-mini", 1, 1, 0, "0.00000075"],
  ["gpt-4o-mini", 1_000_000, 1_000_000, 1_000_000, "0.675000"],
  ["gpt-4o", 1000, 500, 0, "0.007500"],
  ["gpt-4o", 10_000, 1000, 8000, "0.025000"],
  ["gpt-4o", 1, 0, 1, "0.00000125"],
  ["claude-3-5-sonnet", 1000, 500, 0, "0.010500"],
  ["claude-3-5-sonnet", 100_000, 4096, 90_000, "0.118440"],
  ["claude-3-opus", 1000, 500, 0, "0.052500"],
  ["claude-3-opus", 200_000, 4096, 0, "3.307200"],
  ["claude-3-haiku", 1000, 500, 0, "0.000875"],
  ["claude-3-haiku", 7, 3, 5, "0.0000044"],
];

describe("computeTextCost", () => {
  it.each(textCases)("%s: %i in, %i out, %i cached -> %s", (model, input, output, cached, expected) => {
    expect(
      computeTextCost(model, rates(model), { inputTokens: input, outputTokens: output, cachedInputTokens: cached }),
    ).toBe(expected);
  });

  it("bills cached tokens at the input rate when the model has no cache rate", () => {
    const noCache = { ...rates("gpt-4o"), cachedInputUsdPerToken: null };
    expect(computeTextCost("x", noCache, { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 1000 })).toBe(
      "0.002500",
    );
  });

  it("adds a million one-token calls without drift", () => {
    const one = computeTextCost("gpt-4o-mini", rates("gpt-4o-mini"), { inputTokens: 1, outputTokens: 0 });
    expect(one).toBe("0.00000015");
    let binary = 0;
    for (let i = 0; i < 1_000_000; i++) binary += 0.00000015;
    expect(binary).not.toBe(0.15); // what a float ledger would record
    expect(computeTextCost("gpt-4o-mini", rates("gpt-4o-mini"), { inputTokens: 1_000_000, outputTokens: 0 })).toBe(
      "0.150000",
    );
  });

  it.each([
    [{ inputTokens: -1, outputTokens: 0 }],
    [{ inputTokens: 1.5, outputTokens: 0 }],
    [{ inputTokens: 1, outputTokens: Number.NaN }],
    [{ inputTokens: 10, outputTokens: 0, cachedInputTokens: 11 }],
  ])("rejects %j as invalid_input", (usage) => {
    expect(() => computeTextCost("gpt-4o", rates("gpt-4o"), usage)).toThrowError(
      expect.objectContaining({ code: "invalid_input" }) as unknown as AiError,
    );
  });
});

const dalle3 = {
  "1024x1024": { standard: "0.040", hd: "0.080" },
  "1024x1792": { standard: "0.080", hd: "0.120" },
  "1792x1024": { standard: "0.080", hd: "0.120" },
};

describe("computeImageCost", () => {
  it.each([
    ["1024x1024", "standard", 1, "0.040000"],
    ["1024x1024", "hd", 1, "0.080000"],
    ["1024x1792", "standard", 1, "0.080000"],
    ["1792x1024", "standard", 2, "0.160000"],
    ["1024x1792", "hd", 1, "0.120000"],
    ["1792x1024", "hd", 10, "1.200000"],
  ])("dall-e-3 %s %s x%i -> %s", (size, quality, n, expected) => {
    expect(computeImageCost("dall-e-3", dalle3, { size, quality, n })).toBe(expected);
  });

  it("defaults to one standard image", () => {
    expect(computeImageCost("dall-e-3", dalle3, { size: "1024x1024" })).toBe("0.040000");
  });

  it("a flat price applies to a quality named like an Object.prototype property too", () => {
    expect(
      computeImageCost("bria-2.3", { "*": { "*": "0.040" } }, { size: "1344x768", quality: "constructor", n: 1 }),
    ).toBe("0.040000");
  });

  it("applies a flat per-image price to any size and quality", () => {
    expect(computeImageCost("bria-2.3", { "*": { "*": "0.040" } }, { size: "1344x768", quality: "hd", n: 3 })).toBe(
      "0.120000",
    );
    expect(computeImageCost("runware-v2", { "*": { "*": "0.0006" } }, { size: "512x512", n: 1 })).toBe("0.000600");
  });

  it.each([
    ["512x512", "standard", 1],
    ["1024x1024", "ultra", 1],
    ["1024x1024", "standard", 0],
    // Names of Object.prototype are qualities like any other unknown one, not prices.
    ["1024x1024", "constructor", 1],
    ["1024x1024", "__proto__", 1],
    ["1024x1024", "toString", 1],
  ])("rejects %s %s x%i", (size, quality, n) => {
    expect(() => computeImageCost("dall-e-3", dalle3, { size, quality, n })).toThrowError(/size|quality|n must/);
  });
});

describe("formatUsd", () => {
  it("keeps at least 6 decimals and never drops digits", () => {
    expect(formatUsd("0.00045")).toBe("0.000450");
    expect(formatUsd("12")).toBe("12.000000");
    expect(formatUsd("0.000000075")).toBe("0.000000075");
  });
});
