import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

const FIXTURE = fileURLToPath(new URL("../fixtures/admin_2026-10.json.gz", import.meta.url));
let schema: GraphQLSchema | undefined;

/** Shopify's Admin GraphQL schema, 2026-10, from the vendored introspection (built once per process, ~1 s). */
export function adminSchema(): GraphQLSchema {
  schema ??= buildClientSchema(
    (JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString("utf8")) as { data: IntrospectionQuery }).data,
  );
  return schema;
}
