import "server-only";
import type { FieldMap, FieldRole, WebflowCollection, WebflowField } from "./schemas";

/** The field types each role accepts. */
export const ROLE_TYPES: Record<FieldRole, readonly string[]> = {
  body: ["RichText"],
  summary: ["PlainText"],
  image: ["Image"],
  seo_title: ["PlainText"],
  seo_description: ["PlainText"],
  categories: ["MultiReference", "Reference", "Option"],
  tags: ["MultiReference", "Reference", "Option"],
  publish_date: ["DateTime"],
};

/** Common slugs, best first (Webflow's blog template, Skayle and Leadmetrics' docs). */
const COMMON: Record<FieldRole, RegExp[]> = {
  body: [/^post-body$/, /body|content/],
  summary: [/^post-summary$/, /summary|excerpt/],
  image: [/^main-image$/, /^thumbnail/, /image|photo|cover/],
  seo_title: [/^(seo|meta)-title$/, /seo.*title|meta.*title/],
  seo_description: [/^meta-description$/, /^seo-description$/, /description/],
  categories: [/^categor/, /categor|topic/],
  tags: [/^tags?$/, /tag|keyword/],
  publish_date: [/^publish(ed)?-(date|on)$/, /publish|date/],
};

/** Built-ins that never take a role (the item's title and slug). */
const RESERVED = new Set(["name", "slug"]);

/**
 * Suggests a field for each role from the collection's schema: right type first, then the
 * common slugs; a field is suggested for one role only; `body` only if a RichText field exists.
 */
export function suggestFieldMap(collection: WebflowCollection): Partial<FieldMap> {
  const taken = new Set<string>();
  const map: Partial<FieldMap> = {};
  for (const role of Object.keys(ROLE_TYPES) as FieldRole[]) {
    const candidates = collection.fields.filter(
      (f) => f.slug && !RESERVED.has(f.slug) && !taken.has(f.slug) && ROLE_TYPES[role].includes(f.type),
    );
    const byName = COMMON[role].map((re) =>
      candidates.find((f) => re.test(f.slug!) || re.test(f.displayName.toLowerCase())),
    );
    // Body, image and date are unambiguous by type; text fields need a name that says what they are.
    const fallback = role === "body" || role === "image" || role === "publish_date" ? candidates[0] : undefined;
    const pick = byName.find(Boolean) ?? fallback;
    if (pick?.slug) {
      map[role] = pick.slug;
      taken.add(pick.slug);
    }
  }
  return map;
}

/** One problem with a stored map: the role, its field, and what is wrong, in words. */
export type MappingProblem = { role: FieldRole; field: string; problem: string };

/**
 * Checks a stored map against the collection as it is now: every mapped field still exists, has
 * a type its role accepts, and no field plays two roles. Empty when the map is good.
 */
export function validateFieldMap(collection: WebflowCollection, map: FieldMap): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Map<string, FieldRole>();
  for (const [role, slug] of Object.entries(map) as Array<[FieldRole, string | undefined]>) {
    if (!slug) continue;
    const field = collection.fields.find((f) => f.slug === slug);
    if (!field)
      problems.push({
        role,
        field: slug,
        problem: `the field "${slug}" no longer exists in ${collection.displayName}`,
      });
    else if (!ROLE_TYPES[role].includes(field.type))
      problems.push({
        role,
        field: slug,
        problem: `the field "${slug}" is now ${field.type}, and the ${role.replace("_", " ")} needs ${ROLE_TYPES[role].join(" or ")}`,
      });
    if (seen.has(slug))
      problems.push({ role, field: slug, problem: `the field "${slug}" is also mapped to ${seen.get(slug)}` });
    seen.set(slug, role);
  }
  for (const f of collection.fields)
    if (f.isRequired && f.slug && !RESERVED.has(f.slug) && !Object.values(map).includes(f.slug))
      problems.push({
        role: "body",
        field: f.slug,
        problem: `the required field "${f.slug}" is not mapped, so Webflow refuses new items`,
      });
  return problems;
}

/** The field a role is mapped to, when the collection has it. */
export function mappedField(collection: WebflowCollection, map: FieldMap, role: FieldRole): WebflowField | undefined {
  const slug = map[role];
  return slug ? collection.fields.find((f) => f.slug === slug) : undefined;
}
