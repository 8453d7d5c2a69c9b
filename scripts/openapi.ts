// npm run openapi [-- file]: writes the API's OpenAPI document (what /api/v1/openapi.json serves)
// to a file or stdout, for the linter and for generating clients offline.
import fs from "node:fs";
import { buildOpenApiDocument } from "@/lib/server/api/openapi/document";

const [file] = process.argv.slice(2);
const json = JSON.stringify(buildOpenApiDocument(), null, 2) + "\n";
if (file) fs.writeFileSync(file, json);
else process.stdout.write(json);
