import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { openApiJson } from "@/lib/server/api/openapi/document";

// GET /api/v1/openapi.json - this API's OpenAPI 3.1 document (no auth; rendered at /docs/api)
export const GET = handler(operations.getOpenApiDocument, async () => {
  return new Response(openApiJson(), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
});
