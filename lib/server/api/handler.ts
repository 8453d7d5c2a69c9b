import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { resolveAuth, type AuthContext } from "../session";
import type { MemberRole } from "@/db/schema/accounts";
import { ApiError, errorResponse } from "./errors";
import { logError } from "../log";
import { findJsonInputProblem, formatJsonPath } from "@/lib/schemas/json-input";

export const MAX_BODY_BYTES = 1024 * 1024;

// Next.js hands every route `{ params: Promise<...> }`; the wrapper validates them with zod.
type RouteContext = { params: Promise<unknown> };

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> = {
  /** Default: a signed-in user or an API key is required. */
  isPublic?: boolean;
  /** Roles allowed; others get 403. Default: every member. */
  roles?: MemberRole[];
  body?: B;
  /** An empty body is read as `{}`. */
  isBodyOptional?: boolean;
  query?: Q;
  params?: P;
};

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export type HandlerContext<B, Q, P, A> = {
  req: Request;
  db: Db;
  auth: A;
  body: B;
  query: Q;
  params: P;
};

/**
 * The one wrapper around every /api/v1 route handler: resolves the caller, awaits and validates
 * params, parses query and JSON body with zod, and turns every thrown error into
 * `{ "error": { "code", "message" } }` with the status from the error table.
 */
export function handler<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  Pub extends boolean = false,
>(
  options: Options<B, Q, P> & { isPublic?: Pub },
  fn: (
    ctx: HandlerContext<Infer<B>, Infer<Q>, Infer<P>, Pub extends true ? AuthContext | undefined : AuthContext>,
  ) => Promise<unknown>,
) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      const db = await getDb();
      const auth = await resolveAuth(req.headers);
      if (!auth && !options.isPublic) {
        throw new ApiError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
      }
      if (auth && options.roles && !options.roles.includes(auth.role)) {
        throw new ApiError("forbidden", `This needs the ${options.roles.join(" or ")} role; you are ${auth.role}.`);
      }
      const rawParams = (await context?.params) ?? {};
      if (findJsonInputProblem(rawParams)) throw new ApiError("not_found", "Resource not found.");
      const params = parseWith(options.params, rawParams, "path", "not_found");
      const query = parseWith(
        options.query,
        checkedInput(Object.fromEntries(new URL(req.url).searchParams), "query"),
        "query",
      );
      const body = options.body
        ? parseWith(options.body, checkedInput(await readJson(req, options.isBodyOptional), "body"), "body")
        : undefined;
      const result = await fn({
        req,
        db,
        auth: auth as never,
        body: body as never,
        query: query as never,
        params: params as never,
      });
      if (result instanceof Response) return result;
      return Response.json(result);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (error instanceof Error && error.name === "MissingKeyError") {
        logError("configuration error", error);
        return errorResponse(new ApiError("service_unavailable", "The server is not configured: see its log."));
      }
      logError(`unhandled error in ${req.method} ${new URL(req.url).pathname}`, error);
      return errorResponse(new ApiError("internal_error", "Something went wrong on our side. It has been logged."));
    }
  };
}

/**
 * What no schema may see: nesting deeper than MAX_JSON_DEPTH, a NUL character (PostgreSQL cannot
 * store one) and the keys `__proto__`, `constructor`, `prototype`. 422 naming the field.
 */
export function checkedInput<T>(value: T, where: string): T {
  const problem = findJsonInputProblem(value);
  if (!problem) return value;
  const field = formatJsonPath(problem.path, where);
  throw new ApiError("validation_error", `${field}: ${problem.message}`, {
    details: [{ field, message: problem.message }],
  });
}

function parseWith(schema: z.ZodType | undefined, value: unknown, where: string, code = "validation_error") {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (code === "not_found") throw new ApiError("not_found", "Resource not found.");
  const details = result.error.issues.map((issue) => ({
    field: issue.path.join(".") || where,
    message: issue.message,
  }));
  const first = details[0];
  throw new ApiError("validation_error", `${first.field}: ${first.message}`, { details });
}

/** Reads the body with a hard cap and parses it as JSON. */
export async function readJson(req: Request, isOptional = false): Promise<unknown> {
  const text = await readText(req, MAX_BODY_BYTES);
  if (!text.trim() && isOptional) return {};
  if (!text.trim()) throw new ApiError("invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid JSON.");
  }
}

/**
 * A refused body is read on and discarded for at most this long (and this much), so that a client
 * (or a proxy reusing the connection) that is still sending gets the 413 rather than a reset: a
 * socket closed with unread bytes in its receive buffer sends RST, and the client's kernel then
 * drops the 413 it had not read yet. Discarding is cheap, so the bound is chiefly time, as
 * nginx's lingering close is; a body beyond it may see a reset, never a stalled connection.
 */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 2_000;

/**
 * Reads the body as text, at most `maxBytes`; more is 413 `payload_too_large` with
 * `Connection: close`.
 *
 * Why: under `next start` (Next.js 16.4) the route's Request body is the Node request itself
 * (NextRequestAdapter.fromNodeNextRequest passes the IncomingMessage to `new Request`).
 * Cancelling the reader destroys that stream but leaves its socket open and paused with the rest
 * of the body unread, and Node discards the rest only of a body nobody started to read. The
 * kept-alive connection then stalled: the next request on it waited until Node's keep-alive
 * timeout reset it (~6 s). Next.js copies our `Connection: close` header to the Node response, and
 * Node ends the connection once the 413 is out; draining first (bounded) leaves nothing unread in
 * the usual case, so a client still sending reads the 413 rather than a reset.
 */
export async function readText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new ApiError("payload_too_large", `The request body is over ${Math.round(maxBytes / 1024)} KB.`, {
      fix: `Send a body of at most ${Math.round(maxBytes / 1024)} KB.`,
      headers: { connection: "close" },
    });
  if (!req.body) {
    if (declared > maxBytes) throw tooLarge();
    return "";
  }
  const reader = req.body.getReader();
  if (declared > maxBytes) {
    // A body that cannot be drained within the bound is not read at all: the connection closes.
    if (declared <= maxBytes + DRAIN_MAX_BYTES) await drain(reader);
    else await reader.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and drops the rest of a body, bounded in bytes and time; cancels what is left. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const deadline = Date.now() + DRAIN_MAX_MS;
  let drained = 0;
  try {
    while (drained <= DRAIN_MAX_BYTES) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const stop = new AbortController();
      const timeout = sleep(left, undefined, { signal: stop.signal }).catch(() => undefined);
      const next = await Promise.race([reader.read(), timeout]);
      stop.abort();
      if (!next) break;
      if (next.done) return;
      drained += next.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}

export const noContent = () => new Response(null, { status: 204 });
export const created = (data: unknown) => Response.json(data, { status: 201 });
export const accepted = (data: unknown) => Response.json(data, { status: 202 });
