import "server-only";
import type { z } from "zod";
import type { MemberRole } from "@/db/schema/accounts";
import { errorStatus, type ErrorCode } from "./errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One answer of an operation. A JSON answer has a zod schema; a file answer names its media type. */
export type ResponseSpec = {
  description: string;
  /** The JSON body's schema (the one the service parses its answer with); none for 204 and files. */
  schema?: z.ZodType;
  /** A body that is not JSON (an image, a zip). */
  media?: string;
  example?: unknown;
  headers?: z.ZodObject;
};

/** An error code the operation can answer; the status comes from the error table unless given. */
export type ErrorSpec = ErrorCode | readonly [ErrorCode, number];

/**
 * One /api/v1 operation, declared once: the route handler takes its options (auth, roles, params,
 * query and body schemas) from it, and the OpenAPI document is generated from all of them.
 */
export type OperationSpec = {
  method: HttpMethod;
  /** The OpenAPI path, with the trailing slash the README uses: `/api/v1/sites/{id}/`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** A PUT/PATCH that takes its resource's GET answer back: read-only fields are accepted and ignored. */
  takesGetAnswer?: boolean;
  /** No caller needed (health, the document, signed webhooks). */
  isPublic?: boolean;
  /** Roles allowed; others get 403. Default: every member. */
  roles?: MemberRole[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** An empty body is read as `{}` (a body added to an operation that took none). */
  isBodyOptional?: boolean;
  bodyExample?: unknown;
  /** Request headers the operation reads (the webhook signature headers). */
  headers?: z.ZodObject;
  /** Success answers by status. */
  responses: Record<number, ResponseSpec>;
  /** Error codes beyond the ones the wrapper itself answers (see `errorCodesOf`). */
  errors?: readonly ErrorSpec[];
  /** Not wrapped by `handler` (the webhook receiver): the wrapper's own errors do not apply. */
  isUnwrapped?: boolean;
};

/**
 * Keeps the literal types of the schemas, so `handler(operation, fn)` infers params, query and body.
 * (`roles` is always in the type: an operation without any of the wrapper's options would
 * otherwise share no property with them, and TypeScript refuses such a "weak type" match.)
 */
export function defineOperation<const T extends OperationSpec>(operation: T): T & Pick<OperationSpec, "roles"> {
  return operation;
}

/**
 * Every error an operation can answer, by status: the ones `handler` answers for it (no caller,
 * wrong role, unknown id, bad JSON or input, too large, unexpected) and the declared ones.
 */
export function errorCodesOf(operation: OperationSpec): Map<number, ErrorCode[]> {
  const specs: ErrorSpec[] = [];
  if (!operation.isUnwrapped) {
    if (!operation.isPublic) specs.push("unauthorized");
    if (operation.roles) specs.push("forbidden");
    if (operation.params) specs.push("not_found");
    if (operation.body) specs.push("invalid_json", "payload_too_large");
    if (operation.body || operation.query) specs.push("validation_error");
    specs.push("internal_error", "service_unavailable");
  }
  specs.push(...(operation.errors ?? []));
  const byStatus = new Map<number, ErrorCode[]>();
  for (const spec of specs) {
    const [code, status] = typeof spec === "string" ? [spec, errorStatus[spec]] : spec;
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byStatus.set(status, codes);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}
