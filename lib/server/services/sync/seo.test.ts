import { describe, expect, it } from "vitest";
import type { Content } from "@/db/tables";
import { seoKeptReasons } from "@/lib/schemas/seo";
import { seoNoteOf } from "./seo";

const item = (seo: Partial<Content>) =>
  ({ id: "c1", seoTitle: null, seoDescription: null, focusKeyword: null, canonicalUrl: null, ...seo }) as Content;

describe("seoNoteOf", () => {
  it("says the fields were sent, and where to", () => {
    const note = seoNoteOf(item({ focusKeyword: "tulips" }), { canWrite: true, targets: ["yoast"] });
    expect(note).toEqual({ seo: "sent", seo_plugins: ["yoast"] });
  });

  it("where the site cannot take them, says why they stay in IGNY8", () => {
    for (const reason of ["no_plugin", "old_plugin"] as const) {
      const note = seoNoteOf(item({ seoTitle: "Tulips" }), { canWrite: false, reason });
      expect(note).toEqual({ seo: "kept_in_igny8", seo_reason: reason, note: seoKeptReasons[reason] });
    }
  });

  it("says nothing for an item without SEO fields", () => {
    expect(seoNoteOf(item({}), { canWrite: false, reason: "no_plugin" })).toEqual({});
    expect(seoNoteOf(item({}), { canWrite: true, targets: ["yoast", "rank_math"] })).toEqual({});
  });
});
