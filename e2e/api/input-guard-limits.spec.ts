import { expect, test } from "@playwright/test";
import { connection, someId } from "../support/input-guard-endpoints";
import { expectRefused, send, setUp, snapshot } from "../support/input-guard";

test("nesting and size limits: 10,000 levels anywhere, config_json deeper than 8 levels or over 64 KB", async ({
  baseURL,
}) => {
  const { api, ids } = await setUp(baseURL!, "nesting");
  const before = await snapshot(api, ids);
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
  const integration = (config: string) =>
    `{"site_id":"${ids.site}","external_site_url":"https://wp.example.com","username":"a","application_password":"p","config_json":${config}}`;
  const tooDeep = (levels: number) => `is nested more than ${levels} levels deep; send flatter JSON`;

  // The whole body: 32 levels, wherever the value sits.
  await expectRefused(
    await send(api, "POST", "/api/v1/integration/", integration(deep(10_000))),
    "config_json 10,000 levels",
    `config_json${".a".repeat(31)}`,
    tooDeep(32),
  );
  await expectRefused(
    await send(api, "PATCH", `/api/v1/integration/${someId}/`, `{"config_json":${deep(10_000)}}`),
    "PATCH 10,000 levels",
    `config_json${".a".repeat(31)}`,
    tooDeep(32),
  );
  await expectRefused(
    await send(api, "POST", "/api/v1/sites/", `{"name":${"[".repeat(10_000)}${"]".repeat(10_000)}}`),
    "site name 10,000 levels",
    `name${".0".repeat(31)}`,
    tooDeep(32),
  );
  await expectRefused(
    await send(api, "PUT", "/api/v1/settings/ai/", deep(10_000)),
    "settings 10,000 levels",
    Array(32).fill("a").join("."),
    tooDeep(32),
  );

  // config_json itself: 8 levels and 64 KB.
  await expectRefused(
    await send(api, "POST", "/api/v1/integration/", integration(deep(9))),
    "config_json 9 levels",
    `config_json${".a".repeat(8)}`,
    tooDeep(8),
  );
  const big = JSON.stringify({ note: "x".repeat(70 * 1024) });
  await expectRefused(
    await send(
      api,
      "PUT",
      `/api/v1/integration/${someId}/`,
      JSON.stringify({ ...connection, config_json: JSON.parse(big) }),
    ),
    "config_json 70 KB",
    "config_json",
    "is 71 KB as JSON; it must be 64 KB or less",
  );
  await expectRefused(
    await send(api, "POST", "/api/v1/integration/", integration('"text"')),
    "config_json not an object",
    "config_json",
    "must be a JSON object",
  );

  // image_prices: a bounded table.
  const sizes = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`${100 + i}x100`, { standard: "0.01" }]));
  await expectRefused(
    await send(api, "PATCH", "/api/v1/ai/models/dall-e-3/", JSON.stringify({ source: "s", image_prices: sizes })),
    "image_prices 51 sizes",
    "image_prices",
    "must have 50 sizes or fewer",
  );
  expect(await snapshot(api, ids)).toEqual(before);
});
