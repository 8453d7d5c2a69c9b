import "server-only";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { errorEnvelopeSchema, errorOf, pageSchema, securitySchemes } from "./components";
import { errorCodesOf, type OperationSpec } from "../operation";
import { allOperations, tags } from "../operations";
import { namedSchemas } from "./named";

const statusTitle: Record<number, string> = {
  400: "Bad request",
  401: "No caller",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported media type",
  422: "Refused",
  429: "Too many requests",
  500: "Server error",
  502: "A remote service failed",
  503: "Unavailable",
};

const retryAfter = (description: string) => ({ "retry-after": { description, schema: { type: "integer" as const, minimum: 0 } } });

function responsesOf(operation: OperationSpec): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, answer] of Object.entries(operation.responses)) {
    const content = answer.schema
      ? { "application/json": { schema: answer.schema, ...(answer.example !== undefined ? { example: answer.example } : {}) } }
      : answer.media
        ? { [answer.media]: { schema: { type: "string" as const, contentMediaType: answer.media } } }
        : undefined;
    responses[status] = { description: answer.description, ...(content ? { content } : {}), ...(answer.headers ? { headers: answer.headers } : {}) };
  }
  for (const [status, codes] of errorCodesOf(operation)) {
    const list = codes.map((code) => `\`${code}\``).join(", ");
    responses[String(status)] = {
      description: `${statusTitle[status] ?? "Error"}: ${list}.`,
      ...(status === 429 ? { headers: retryAfter("Seconds to wait before trying again.") } : {}),
      content: { "application/json": { schema: errorOf(codes as [(typeof codes)[number], ...typeof codes]) } },
    };
  }
  return responses as ZodOpenApiResponsesObject;
}

function describe(operation: OperationSpec) {
  const parts = [operation.description];
  if (operation.roles) parts.push(`Needs the ${operation.roles.join(" or ")} role.`);
  return parts.filter(Boolean).join("\n\n") || undefined;
}

function operationObject(operation: OperationSpec): ZodOpenApiOperationObject {
  const hasParams = operation.params || operation.query || operation.headers;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(describe(operation) ? { description: describe(operation) } : {}),
    tags: [operation.tag],
    ...(operation.isPublic ? { security: [] } : {}),
    ...(hasParams
      ? { requestParams: { ...(operation.params ? { path: operation.params } : {}), ...(operation.query ? { query: operation.query } : {}), ...(operation.headers ? { header: operation.headers } : {}) } }
      : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: operation.body, ...(operation.bodyExample !== undefined ? { example: operation.bodyExample } : {}) } },
          },
        }
      : {}),
    responses: responsesOf(operation),
  } as ZodOpenApiOperationObject;
}

/**
 * zod renders `z.unknown().nullable()` as `anyOf: [{}, {type: "null"}]`; the empty branch already
 * matches anything, so the document says just that.
 */
function dropAnyOfAnything({ jsonSchema }: { jsonSchema: { anyOf?: object[] } }) {
  if (jsonSchema.anyOf?.some((branch) => Object.keys(branch).length === 0)) delete jsonSchema.anyOf;
}

/** The OpenAPI 3.1 document of every declared operation. */
export function buildOpenApiDocument(operations: OperationSpec[] = allOperations) {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method.toLowerCase()]: operationObject(operation) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "IGNY8 Integrations API",
      version: "1.0.0",
      description: [
        "Sites, content, WordPress sync and AI generation of an IGNY8 account.",
        "Every `/api/v1` endpoint needs a session cookie or `Authorization: Bearer <api key>`, unless it says otherwise.",
        "Paths work with or without the trailing slash. Another account's resource is `404`, never `403`.",
        'Errors are `{"error": {"code", "message", "fix"?, "details"?}}`; each operation lists the codes it can answer per status.',
        'Lists are `{"count", "next", "previous", "results"}` with `page` and `page_size` (at most 100).',
      ].join("\n\n"),
    },
    // Relative: the server that serves the document, so "Try it" stays on the same origin.
    servers: [{ url: "/", description: "The IGNY8 that serves this document" }],
    tags,
    security: [{ session: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas: { Error: errorEnvelopeSchema, Page: pageSchema, ...namedSchemas },
      securitySchemes,
    },
  }, { override: dropAnyOfAnything, allowEmptySchema: { nullable: true } });
}

let cached: string | undefined;

/** The document as JSON, generated once per process (it only changes with the code). */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return cached;
}
