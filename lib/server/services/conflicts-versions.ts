import { conflictFields, type ConflictField, type ConflictVersion } from "@/lib/schemas/conflicts";
import type { HashableContent } from "./sync/hash";

/** The fields of a version as stored in `content.base_snapshot` and in conflict rows. */
export function toVersion(
  fields: HashableContent,
  extra: { modified_gmt?: string | null; updated_at?: string | null } = {},
): ConflictVersion {
  return {
    title: fields.title,
    excerpt: fields.excerpt,
    slug: fields.slug,
    content: fields.content,
    categories: [...fields.categories],
    tags: [...fields.tags],
    featured_image_url: fields.featuredImageUrl ?? null,
    ...extra,
  };
}

/** A stored version (jsonb) back as a version; missing fields read as empty. */
export function readVersion(value: unknown): ConflictVersion | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === "string" ? x : "");
  const list = (x: unknown) => (Array.isArray(x) ? x.filter((i): i is string => typeof i === "string") : []);
  return {
    title: str(v.title),
    excerpt: str(v.excerpt),
    slug: str(v.slug),
    content: str(v.content),
    categories: list(v.categories),
    tags: list(v.tags),
    featured_image_url: typeof v.featured_image_url === "string" && v.featured_image_url ? v.featured_image_url : null,
    modified_gmt: typeof v.modified_gmt === "string" ? v.modified_gmt : null,
    updated_at: typeof v.updated_at === "string" ? v.updated_at : null,
  };
}

/** Field values compared the way the sync hash compares them (terms by name, any order or case). */
function normalise(field: ConflictField, value: unknown): string {
  if (field === "categories" || field === "tags") {
    return JSON.stringify([...new Set((value as string[]).map((n) => n.trim().toLowerCase()).filter(Boolean))].sort());
  }
  if (field === "slug")
    return String(value ?? "")
      .trim()
      .toLowerCase();
  if (field === "content")
    return String(value ?? "")
      .replace(/\r\n/g, "\n")
      .trim();
  return String(value ?? "").trim();
}

export function isSameField(field: ConflictField, a: unknown, b: unknown): boolean {
  return normalise(field, a) === normalise(field, b);
}

/**
 * Field by field: both values, the base, and which side moved away from it. Without base values
 * a field the sides disagree on counts as changed in both (we cannot tell who moved).
 */
export function diffFields(base: ConflictVersion | null, igny8: ConflictVersion, wordpress: ConflictVersion) {
  return conflictFields.map((field) => {
    let changedIn: "igny8" | "wordpress" | "both" | "none";
    if (base) {
      const ours = !isSameField(field, base[field], igny8[field]);
      const theirs = !isSameField(field, base[field], wordpress[field]);
      changedIn = ours && theirs ? "both" : ours ? "igny8" : theirs ? "wordpress" : "none";
      // Both moved to the same value: nothing to choose.
      if (changedIn === "both" && isSameField(field, igny8[field], wordpress[field])) changedIn = "none";
    } else {
      changedIn = isSameField(field, igny8[field], wordpress[field]) ? "none" : "both";
    }
    return {
      field,
      base: base ? base[field] : null,
      igny8: igny8[field],
      wordpress: wordpress[field],
      changed_in: changedIn,
    };
  });
}

/**
 * Which side a `newest_wins` policy keeps: the later of our last edit and WordPress's
 * modified_gmt (UTC without zone); WordPress on a tie, since its time is the coarser one.
 */
export function newestSide(
  igny8UpdatedAt: string | null | undefined,
  wordpressModifiedGmt: string | null | undefined,
): "igny8" | "wordpress" {
  const ours = igny8UpdatedAt ? Date.parse(igny8UpdatedAt) : NaN;
  const theirs = wordpressModifiedGmt ? Date.parse(`${wordpressModifiedGmt.slice(0, 19)}Z`) : NaN;
  if (Number.isNaN(ours)) return "wordpress";
  if (Number.isNaN(theirs)) return "igny8";
  return ours > theirs ? "igny8" : "wordpress";
}
