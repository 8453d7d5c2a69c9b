import { describe, expect, it } from "vitest";
import { describeKeySources, keySecretContext, resolveApiKey, resolveDefaults } from "./settings";

const global = {
  keys: { openai: "sk-platform-openai", anthropic: "sk-ant-platform", runware: null },
  defaultTextModel: "gpt-4o-mini",
  defaultImageModel: "dall-e-3",
  defaultImageProvider: "openai" as const,
};
const account = {
  keys: { openai: "sk-account-own-key", anthropic: "  ", bria: "bria-account-key" },
  defaultTextModel: "claude-3-haiku",
  defaultImageModel: null,
  defaultImageProvider: "bria" as const,
};

describe("key resolution: account override, then global, then none", () => {
  it.each([
    ["openai", { account, global }, { apiKey: "sk-account-own-key", source: "account" }],
    ["anthropic", { account, global }, { apiKey: "sk-ant-platform", source: "global" }],
    ["bria", { account, global }, { apiKey: "bria-account-key", source: "account" }],
    ["runware", { account, global }, { apiKey: null, source: "none" }],
    ["openai", { global }, { apiKey: "sk-platform-openai", source: "global" }],
    ["openai", { account: null, global: null }, { apiKey: null, source: "none" }],
  ] as const)("%s with %j", (provider, input, expected) => {
    expect(resolveApiKey(provider, input)).toEqual(expected);
  });

  it("summarises whose key each provider uses", () => {
    expect(describeKeySources({ account, global })).toEqual({
      openai: "account",
      anthropic: "global",
      runware: "none",
      bria: "account",
    });
  });

  it("resolves defaults field by field", () => {
    expect(resolveDefaults({ account, global })).toEqual({
      textModel: { value: "claude-3-haiku", source: "account" },
      imageModel: { value: "dall-e-3", source: "global" },
      imageProvider: { value: "bria", source: "account" },
    });
    expect(resolveDefaults({}).textModel).toEqual({ value: null, source: "none" });
  });
});

describe("key storage helpers", () => {
  it("binds each ciphertext to its table, column, row and account", () => {
    expect(keySecretContext("openai", { scope: "global" })).toEqual({
      table: "global_integration_settings",
      column: "openai_api_key",
      rowId: "1",
      accountId: null,
    });
    expect(keySecretContext("bria", { scope: "account", accountId: "acc-1" })).toEqual({
      table: "account_ai_settings",
      column: "bria_api_key",
      rowId: "acc-1",
      accountId: "acc-1",
    });
  });
});
