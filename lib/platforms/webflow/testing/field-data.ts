import { fail, type Answer } from "./answers";
import type { Collection, Store } from "./store";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isIsoDate = (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v));

type Detail = { param: string; description: string };

function checkValue(store: Store, collection: Collection, key: string, value: unknown): string | undefined {
  const field = collection.fields.find((f) => f.slug === key);
  if (!field) return "Field not described in schema";
  if (value === null) return field.isRequired ? "Field is required" : undefined;
  const refCollection = () => String((field.validations as { collectionId?: string } | null)?.collectionId ?? "");
  const refExists = (id: unknown) => typeof id === "string" && !!store.entries(refCollection()).get(id);
  switch (field.type) {
    case "PlainText":
    case "RichText":
    case "Link":
    case "Email":
    case "Phone":
      return typeof value === "string" ? undefined : "Must be a string";
    case "DateTime":
      return isIsoDate(value) ? undefined : "Must be an ISO 8601 date";
    case "Switch":
      return typeof value === "boolean" ? undefined : "Must be a boolean";
    case "Number":
      return typeof value === "number" ? undefined : "Must be a number";
    case "Image": {
      const v = value as { url?: unknown; fileId?: unknown };
      if (typeof v !== "object") return "Must be an object with url or fileId";
      if (typeof v.fileId === "string") return store.assets.has(v.fileId) ? undefined : "Referenced file not found";
      return typeof v.url === "string" && /^https?:\/\//.test(v.url) ? undefined : "Must have a public url";
    }
    case "Reference":
      return refExists(value) ? undefined : "Referenced item not found";
    case "MultiReference":
      return Array.isArray(value) && value.every(refExists) ? undefined : "Referenced item not found";
    case "Option": {
      const options = (field.validations as { options?: Array<{ id: string }> } | null)?.options ?? [];
      return options.some((o) => o.id === value) ? undefined : "Not one of the field's options";
    }
    default:
      return undefined;
  }
}

/**
 * Checks fieldData the way Webflow's validation does: known fields, value types, references that
 * exist, name and slug on create, slug format and uniqueness. Undefined when it is fine.
 */
export function checkFieldData(
  store: Store,
  collection: Collection,
  fieldData: Record<string, unknown>,
  opts: { isCreate: boolean; itemId?: string },
): Answer | undefined {
  const details: Detail[] = [];
  if (opts.isCreate)
    for (const key of ["name", "slug"])
      if (typeof fieldData[key] !== "string" || !fieldData[key])
        details.push({ param: key, description: "Field is required" });
  for (const [key, value] of Object.entries(fieldData)) {
    const problem = checkValue(store, collection, key, value);
    if (problem) details.push({ param: key, description: problem });
  }
  const slug = fieldData.slug;
  if (typeof slug === "string" && slug && !SLUG.test(slug))
    details.push({ param: "slug", description: "Slug may contain lowercase letters, digits and hyphens only" });
  if (typeof slug === "string" && slug) {
    const taken = store.findBySlug(collection.id, slug);
    if (taken && taken.staged.id !== opts.itemId)
      details.push({ param: "slug", description: `Unique value is already in database: '${slug}'` });
  }
  if (!details.length) return undefined;
  // The spec types `details` as a tuple whose first entry is a string: `param: description` lines.
  const lines = details.map((d) => `${d.param}: ${d.description}`);
  return fail(400, "validation_error", `Validation Error: ${lines.join("; ")}`, lines);
}
