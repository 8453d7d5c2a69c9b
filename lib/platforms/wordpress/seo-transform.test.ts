import { describe, expect, it } from "vitest";
import { wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import {
  fromWordPressSeoMeta,
  pulledSeoOf,
  SEO_META_FIELDS,
  seoSupportOf,
  toWordPressSeoMeta,
} from "@/lib/platforms/wordpress/transform";
import withPlugin from "./fixtures/post-seo-meta-edit.json";
import withoutPlugin from "./fixtures/post-seo-meta-no-plugin.json";

// Captured from WordPress 6.1.9 with `_fields=id,modified_gmt,meta.<the eight keys>`: a post on a
// site with the IGNY8 plugin 1.2.0 (Rank Math title and keyword, a Yoast canonical; unset keys
// answer ""), and the stock post of a site without the plugin (`meta` is an empty list there).

const seo = {
  seo_title: "Tulips in autumn",
  seo_description: "When and how deep to plant tulip bulbs.",
  focus_keyword: "tulip bulbs",
  canonical_url: "https://example.com/tulips/",
};
const none = { seo_title: null, seo_description: null, focus_keyword: null, canonical_url: null };

describe("toWordPressSeoMeta", () => {
  it("writes only Yoast's keys when Yoast SEO is active", () => {
    expect(toWordPressSeoMeta(seo, ["yoast"])).toEqual({
      _yoast_wpseo_title: "Tulips in autumn",
      _yoast_wpseo_metadesc: "When and how deep to plant tulip bulbs.",
      _yoast_wpseo_focuskw: "tulip bulbs",
      _yoast_wpseo_canonical: "https://example.com/tulips/",
    });
  });

  it("writes only Rank Math's keys when Rank Math is active", () => {
    expect(toWordPressSeoMeta(seo, ["rank_math"])).toEqual({
      rank_math_title: "Tulips in autumn",
      rank_math_description: "When and how deep to plant tulip bulbs.",
      rank_math_focus_keyword: "tulip bulbs",
      rank_math_canonical_url: "https://example.com/tulips/",
    });
  });

  it("writes both sets when neither plugin is active, so either one installed later finds them", () => {
    const meta = toWordPressSeoMeta(seo, []);
    expect(Object.keys(meta).sort()).toEqual(SEO_META_FIELDS.map((f) => f.slice("meta.".length)).sort());
    expect(meta._yoast_wpseo_focuskw).toBe("tulip bulbs");
    expect(meta.rank_math_focus_keyword).toBe("tulip bulbs");
  });

  it("sends a field that is not set as null, which deletes the key in WordPress", () => {
    expect(toWordPressSeoMeta({ ...none, focus_keyword: "tulips" }, ["yoast"])).toEqual({
      _yoast_wpseo_title: null,
      _yoast_wpseo_metadesc: null,
      _yoast_wpseo_focuskw: "tulips",
      _yoast_wpseo_canonical: null,
    });
  });
});

describe("fromWordPressSeoMeta", () => {
  const post = wpPostSchema.parse(withPlugin);

  it("reads the active plugin's keys of a captured post", () => {
    expect(fromWordPressSeoMeta(post.meta, ["rank_math"])).toEqual({
      seo_title: "Tulips in autumn | Garden",
      seo_description: null,
      focus_keyword: "tulip bulbs",
      canonical_url: null,
    });
    const yoast = { ...none, canonical_url: "https://example.com/tulips/" };
    expect(fromWordPressSeoMeta(post.meta, ["yoast"])).toEqual(yoast);
  });

  it("with no SEO plugin active takes, per field, Yoast's value and else Rank Math's", () => {
    expect(fromWordPressSeoMeta(post.meta, [])).toEqual({
      seo_title: "Tulips in autumn | Garden",
      seo_description: null,
      focus_keyword: "tulip bulbs",
      canonical_url: "https://example.com/tulips/",
    });
  });

  it("round-trips what a push writes", () => {
    for (const active of [["yoast"], ["rank_math"], [], ["yoast", "rank_math"]] as const) {
      expect(fromWordPressSeoMeta(toWordPressSeoMeta(seo, active), active)).toEqual(seo);
    }
  });

  it("is undefined for a site without the plugin: WordPress says nothing about the fields", () => {
    const plain = wpPostSchema.parse(withoutPlugin);
    expect(plain.meta).toEqual([]);
    expect(fromWordPressSeoMeta(plain.meta, [])).toBeUndefined();
    expect(fromWordPressSeoMeta(undefined, [])).toBeUndefined();
    expect(fromWordPressSeoMeta({ _igny8_content_id: "x" }, ["yoast"])).toBeUndefined();
  });

  it("reads empty keys as cleared (null), not as missing", () => {
    expect(fromWordPressSeoMeta({ _yoast_wpseo_title: "  ", _yoast_wpseo_focuskw: "" }, ["yoast"])).toEqual(none);
  });
});

describe("seoSupportOf", () => {
  it("needs the plugin, and a version that registers the SEO keys", () => {
    expect(seoSupportOf(null)).toEqual({ canWrite: false, reason: "no_plugin" });
    expect(seoSupportOf({ version: "1.1.0" } as never)).toEqual({ canWrite: false, reason: "old_plugin" });
    expect(seoSupportOf({ seo: { meta: true, active: [] } })).toEqual({ canWrite: true, plugins: [] });
    expect(seoSupportOf({ seo: { meta: true, active: ["rank_math", "other"] } })).toEqual({
      canWrite: true,
      plugins: ["rank_math"],
    });
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
    const empty = {
      _yoast_wpseo_title: "",
      _yoast_wpseo_metadesc: "",
      _yoast_wpseo_focuskw: "",
      _yoast_wpseo_canonical: "",
    };
    expect(pulledSeoOf(empty, ["yoast"])).toBeUndefined();
    expect(pulledSeoOf([], [])).toBeUndefined();
  });
});
