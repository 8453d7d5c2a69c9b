import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import { parse } from "yaml";

/**
 * Webflow's vendored OpenAPI spec with the overlay applied (fixtures/README.md cites the evidence
 * for each patch). The vendored file is never edited: the patches are made here, at load time.
 */
type Json = Record<string, unknown>;
const SPEC_FILE = path.join(__dirname, "..", "fixtures", "v2.yml.gz");
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Patch 1 and 2: never-published items have `lastPublished: null`; error bodies `externalReference: null`. */
function allowNull(schema: Json, property: string): void {
  const props = schema.properties;
  if (!isObject(props) || !isObject(props[property])) return;
  const prop = props[property] as Json;
  if (prop.type === "string") prop.type = ["string", "null"];
}

function walk(node: unknown, visit: (schema: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!isObject(node)) return;
  visit(node);
  for (const value of Object.values(node)) walk(value, visit);
}

/** Patch 4: a token without a required scope gets 403 `missing_scopes`, a status most CMS operations omit. */
function addForbidden(doc: Json): void {
  for (const item of Object.values(doc.paths as Json)) {
    for (const op of Object.values(item as Json)) {
      if (!isObject(op) || !isObject(op.responses)) continue;
      const responses = op.responses as Json;
      if (!responses["403"] && isObject(responses["401"]))
        responses["403"] = { ...responses["401"], description: "Forbidden" };
    }
  }
}

/** The parsed spec with every overlay patch applied. */
export function loadPatchedSpec(): Json {
  const doc = parse(zlib.gunzipSync(fs.readFileSync(SPEC_FILE)).toString("utf8"), { maxAliasCount: -1 }) as Json;
  walk(doc, (schema) => {
    allowNull(schema, "lastPublished");
    allowNull(schema, "externalReference");
  });
  // Patch 3: both publish bodies have no required keys, so `{itemIds}` matches both branches of oneOf.
  const publish = (doc.paths as Json)["/collections/{collection_id}/items/publish"] as Json;
  const body = ((publish.post as Json).requestBody as Json).content as Json;
  const schema = (body["application/json"] as Json).schema as Json;
  schema.anyOf = schema.oneOf;
  delete schema.oneOf;
  addForbidden(doc);
  // Patch 5: the bulk create answers the items it made (its own examples), not the one item its schema describes.
  const bulk = (((doc.paths as Json)["/collections/{collection_id}/items/bulk"] as Json).post as Json)
    .responses as Json;
  const made = ((bulk["202"] as Json).content as Json)["application/json"] as Json;
  const single = ((((doc.paths as Json)["/collections/{collection_id}/items"] as Json).post as Json).responses as Json)[
    "202"
  ] as Json;
  const item = ((single.content as Json)["application/json"] as Json).schema;
  const list = { type: "object", required: ["items"], properties: { items: { type: "array", items: item } } };
  made.schema = { anyOf: [made.schema, list] };
  return doc;
}

let operations: Promise<IHttpOperation[]> | undefined;

/** Prism's operations of the patched spec, built once per process (about 3 s). */
export function specOperations(): Promise<IHttpOperation[]> {
  operations ??= getHttpOperationsFromSpec(loadPatchedSpec());
  return operations;
}
