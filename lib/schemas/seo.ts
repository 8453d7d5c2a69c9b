import { z } from "zod";

/** Lengths search engines show (Yoast's and Rank Math's guides); longer text is allowed but cut in results. */
export const SEO_TITLE_ADVISED = 60;
export const SEO_DESCRIPTION_ADVISED = 160;

export const seoFieldNames = ["seo_title", "seo_description", "focus_keyword", "canonical_url"] as const;
export type SeoFieldName = (typeof seoFieldNames)[number];

/** Text that may be cleared: trimmed; "" is stored as null (not set). No transform, so OpenAPI can show it. */
const clearableText = (max: number) =>
  z
    .string({ message: "must be a string or null" })
    .trim()
    .max(max, `must be ${max} characters or less`)
    .refine((v) => !v.includes("\u0000"), "contains a NUL character (\\u0000); remove it")
    .nullable();

const isAbsoluteHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password;
  } catch {
    return false;
  }
};

const CANONICAL_URL_MESSAGE = "must be an absolute http:// or https:// URL, like https://example.com/my-post/";

/** The canonical address: absolute http(s), kept exactly as given; "" clears it. */
const canonicalUrlSchema = z
  .string({ message: "must be a string or null" })
  .trim()
  .max(2048, "must be 2048 characters or less")
  .refine((v) => v === "" || isAbsoluteHttpUrl(v), CANONICAL_URL_MESSAGE)
  .nullable();

/** The writable SEO fields of a content item (create and update bodies). */
export const seoInputFields = {
  seo_title: clearableText(200),
  seo_description: clearableText(500),
  focus_keyword: clearableText(200),
  canonical_url: canonicalUrlSchema,
};

/** How a content answer shows them: null when not set. */
export const seoOutputFields = {
  seo_title: z.string().nullable(),
  seo_description: z.string().nullable(),
  focus_keyword: z.string().nullable(),
  canonical_url: z.string().nullable(),
};

export type SeoValues = { [K in SeoFieldName]: string | null };

/** Why a push kept an item's SEO fields in IGNY8 (sync event metadata `seo`, shown on the Sync Dashboard). */
export const seoKeptReasons = {
  no_plugin: "SEO fields are kept in IGNY8: install the IGNY8 plugin to send them to WordPress.",
  old_plugin:
    "SEO fields are kept in IGNY8: update the IGNY8 plugin to version 1.2.0 or later to send them to WordPress.",
} as const;
export type SeoKeptReason = keyof typeof seoKeptReasons;
