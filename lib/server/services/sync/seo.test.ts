import { describe, expect, it } from "vitest";
import type { Content } from "@/db/tables";
import { seoKeptReasons } from "@/lib/schemas/seo";
import { pulledSeoOf, seoForPush } from "./seo";

const item = (seo: Partial<Content>) =>
  ({ id: "c1", seoTitle: null, seoDescription: null, focusKeyword: null, canonicalUrl: null, ...seo }) as Content;

describe("seoForPush", () => {
  it("sends the fields where the plugin registers them, and the event says so", () => {
    const push = seoForPush(item({ focusKeyword: "tulips" }), { canWrite: true, plugins: ["yoast"] });
    expect(push.meta).toEqual({
      _yoast_wpseo_title: null,
      _yoast_wpseo_metadesc: null,
      _yoast_wpseo_focuskw: "tulips",
      _yoast_wpseo_canonical: null,
    });
    expect(push.metadata).toEqual({ seo: "sent", seo_plugins: ["yoast"] });
  });

  it("without the plugin sends nothing and the event says why", () => {
    for (const reason of ["no_plugin", "old_plugin"] as const) {
      const push = seoForPush(item({ seoTitle: "Tulips" }), { canWrite: false, reason });
      expect(push.meta).toEqual({});
      expect(push.metadata).toEqual({ seo: "kept_in_igny8", seo_reason: reason, note: seoKeptReasons[reason] });
    }
  });

  it("an item without SEO fields says nothing, but still clears them where they can be written", () => {
    expect(seoForPush(item({}), { canWrite: false, reason: "no_plugin" })).toEqual({ meta: {}, metadata: {} });
    const push = seoForPush(item({}), { canWrite: true, plugins: [] });
    expect(Object.values(push.meta)).toHaveLength(8);
    expect(Object.values(push.meta).every((v) => v === null)).toBe(true);
    expect(push.metadata).toEqual({});
  });
});

describe("pulledSeoOf", () => {
  it("takes what the post states, and treats four empty keys as stating nothing", () => {
    expect(pulledSeoOf({ _yoast_wpseo_title: "T", _yoast_wpseo_focuskw: "" }, ["yoast"])).toEqual({
      seo_title: "T",
      seo_description: null,
      focus_keyword: null,
      canonical_url: null,
    });
    const empty = { _yoast_wpseo_title: "", _yoast_wpseo_metadesc: "", _yoast_wpseo_focuskw: "", _yoast_wpseo_canonical: "" };
    expect(pulledSeoOf(empty, ["yoast"])).toBeUndefined();
    expect(pulledSeoOf([], [])).toBeUndefined();
  });
});
