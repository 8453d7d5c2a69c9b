import "server-only";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { errorEnvelopeSchema, errorOf, pageSchema, securitySchemes } from "./components";
import { errorCodesOf, type OperationSpec } from "../operation";
import { errorStatus, type ErrorCode } from "../errors";
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

const retryAfter = (description: string) => ({
  "retry-after": { description, schema: { type: "integer" as const, minimum: 0 } },
});

function responsesOf(operation: OperationSpec): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, answer] of Object.entries(operation.responses)) {
    const content = answer.schema
      ? {
          "application/json": {
            schema: answer.schema,
            ...(answer.example !== undefined ? { example: answer.example } : {}),
          },
        }
      : answer.media
        ? { [answer.media]: { schema: { type: "string" as const, contentMediaType: answer.media } } }
        : undefined;
    responses[status] = {
      description: answer.description,
      ...(content ? { content } : {}),
      ...(answer.headers ? { headers: answer.headers } : {}),
    };
  }
  for (const [status, codes] of errorCodesOf(operation)) responses[String(status)] = errorResponse(status, codes);
  return responses as ZodOpenApiResponsesObject;
}

/** What the wrapper answers (handler.ts), as examples of the shared one-code error responses. */
const errorExamples: Partial<Record<ErrorCode, { message: string; details?: unknown }>> = {
  unauthorized: { message: "Sign in, or send an API key as `Authorization: Bearer <key>`." },
  forbidden: { message: "This needs the owner or admin role; you are member." },
  not_found: { message: "Resource not found." },
  invalid_json: { message: "The request body is not valid JSON." },
  payload_too_large: { message: "The request body is over 1024 KB." },
  validation_error: { message: "name: is required", details: [{ field: "name", message: "is required" }] },
  internal_error: { message: "Something went wrong on our side. It has been logged." },
  service_unavailable: { message: "The server is not configured: see its log." },
};

const errorResponses = new Map<string, ZodOpenApiResponseObject>();
const pascal = (code: string) => code.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/**
 * The error answer of one status with the codes it can carry. A single code is a shared component
 * (`#/components/responses/NotFound`): the same object each time, so the document refers to it.
 */
function errorResponse(status: number, codes: ErrorCode[]): ZodOpenApiResponseObject {
  const key = `${status} ${codes.join(" ")}`;
  if (!errorResponses.has(key)) {
    const example = codes.length === 1 && errorExamples[codes[0]];
    errorResponses.set(key, {
      ...(codes.length === 1 ? { id: pascal(codes[0]) + (errorStatus[codes[0]] === status ? "" : status) } : {}),
      description: `${statusTitle[status] ?? "Error"}: ${codes.map((code) => `\`${code}\``).join(", ")}.`,
      ...(status === 429 ? { headers: retryAfter("Seconds to wait before trying again.") } : {}),
      content: {
        "application/json": {
          schema: errorOf(codes as [ErrorCode, ...ErrorCode[]]),
          ...(example ? { example: { error: { code: codes[0], ...example } } } : {}),
        },
      },
    });
  }
  return errorResponses.get(key)!;
}

function describe(operation: OperationSpec) {
  const parts = [operation.description];
  if (operation.takesGetAnswer) {
    parts.push(
      "The resource's GET answer may be sent back, changed or not: its read-only fields are accepted and ignored; a field the resource does not have is 422 naming it.",
    );
  }
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
      ? {
          requestParams: {
            ...(operation.params ? { path: operation.params } : {}),
            ...(operation.query ? { query: operation.query } : {}),
            ...(operation.headers ? { header: operation.headers } : {}),
          },
        }
      : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: !operation.isBodyOptional,
            content: {
              "application/json": {
                schema: operation.body,
                ...(operation.bodyExample !== undefined ? { example: operation.bodyExample } : {}),
              },
            },
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
  return createDocument(
    {
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
    },
    { override: dropAnyOfAnything, allowEmptySchema: { nullable: true } },
  );
}

let cached: string | undefined;

/** The document as JSON, generated once per process (it only changes with the code). */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return cached;
}
