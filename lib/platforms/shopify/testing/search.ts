/** Shopify's search syntax, as far as the adapter uses it: `field:value`, `field:>'value'`, AND by spaces. */

export type Condition = { field: string; op: ":" | ">" | ">=" | "<" | "<="; value: string };

const TERM = /([a-z_]+):(>=|<=|>|<)?\s*(?:'([^']*)'|"([^"]*)"|(\S+))/g;

/** Parses `updated_at:>'2026-01-01T00:00:00Z' blog_id:1` into conditions; free text becomes `default`. */
export function parseSearch(query: string | null | undefined): Condition[] {
  if (!query) return [];
  const conditions: Condition[] = [];
  let rest = query;
  for (const m of query.matchAll(TERM)) {
    conditions.push({ field: m[1], op: (m[2] as Condition["op"]) ?? ":", value: m[3] ?? m[4] ?? m[5] ?? "" });
    rest = rest.replace(m[0], " ");
  }
  const free = rest.replace(/\bAND\b/g, " ").trim();
  if (free) conditions.push({ field: "default", op: ":", value: free.replace(/^['"]|['"]$/g, "") });
  return conditions;
}

function compare(actual: string | number | null | undefined, cond: Condition, isDate: boolean): boolean {
  if (actual === null || actual === undefined) return false;
  const a = isDate ? Date.parse(String(actual)) : typeof actual === "number" ? actual : String(actual).toLowerCase();
  const b = isDate
    ? Date.parse(cond.value)
    : typeof actual === "number"
      ? Number(cond.value)
      : cond.value.toLowerCase();
  switch (cond.op) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    default:
      return typeof a === "string" && typeof b === "string" && !isDate ? a === b : a === b;
  }
}

const DATE_FIELDS = new Set(["updated_at", "created_at", "published_at"]);

/**
 * Whether a record matches every condition; `fields` maps a search field to the record's value.
 * `title` and free text match words anywhere (Shopify's search is not exact); unknown fields are ignored.
 */
export function matches(
  conditions: Condition[],
  fields: Record<string, string | number | string[] | null | undefined>,
): boolean {
  return conditions.every((cond) => {
    if (!(cond.field in fields)) return true;
    const value = fields[cond.field];
    if (Array.isArray(value)) return value.some((v) => v.toLowerCase() === cond.value.toLowerCase());
    if (cond.field === "title" || cond.field === "default")
      return String(value ?? "")
        .toLowerCase()
        .includes(cond.value.toLowerCase());
    return compare(value, cond, DATE_FIELDS.has(cond.field));
  });
}
