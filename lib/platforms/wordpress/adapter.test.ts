import { describe, expect, it } from "vitest";
import { getPlatformAdapter, platformIds } from "@/lib/platforms/registry";
import { egressFetch } from "@/lib/server/egress";
import { getWordPressTestSite, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";

it("the registry lists WordPress", () => {
  expect(platformIds).toContain("wordpress");
  expect(getPlatformAdapter("wordpress").displayName).toBe("WordPress");
});

const site = getWordPressTestSite("pretty");

describe.skipIf(!site)("WordPress session against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;
  const adapter = getPlatformAdapter("wordpress");
  const credentials = { username: wp.username, application_password: wp.applicationPassword };
  const session = adapter.connect({ siteUrl: wp.url, credentials, http: egressFetch });

  it("the doctor reports the site", async () => {
    const report = await adapter.doctor({ siteUrl: wp.url, credentials, http: egressFetch });
    expect(report).toMatchObject({ connected: true, site: { restUrl: `${wp.url}/wp-json/` } });
  });

  it("lists content types with counts equal to WordPress's X-WP-Total", async () => {
    const types = await session.listContentTypes();
    const post = types.find((t) => t.slug === "post");
    const page = types.find((t) => t.slug === "page");
    expect(types.map((t) => t.slug)).not.toContain("attachment");
    for (const [type, restBase] of [
      [post, "posts"],
      [page, "pages"],
    ] as const) {
      const res = await wpRest(wp, "GET", `/wp/v2/${restBase}`, { query: { status: "any", per_page: 1 } });
      expect(type).toMatchObject({ restBase, count: Number(res.headers.get("x-wp-total")) });
    }
    expect(await session.countItems("page")).toBe(page!.count);
  });

  it.each(["__proto__", "constructor", "prototype", "toString"])(
    "countItems(%s) is WordPress's not_found, not a lookup on Object.prototype",
    async (name) => {
      await expect(session.countItems(name)).rejects.toMatchObject({
        name: "PlatformError",
        code: "not_found",
        message: `WordPress has no REST-visible content type "${name}".`,
      });
    },
  );
});
