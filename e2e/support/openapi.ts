import fs from "node:fs";
import path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";

/**
 * Every answer an API test receives is checked against the OpenAPI document the server serves:
 * its status must be one the operation declares, and a JSON body must match that status's
 * schema. A mismatch fails the request (and so the test) with the operation and ajv's errors.
 * Each worker appends one line per checked answer to a file; the global teardown counts them.
 */

type Answer = { $ref?: string; content?: Record<string, unknown> };
type Operation = { operationId: string; responses: Record<string, Answer> };
type Route = { method: string; template: string; pattern: RegExp; operation: Operation };
type Checker = {
  routes: Route[];
  /** An operation's answer for a status, and the JSON pointer of its schema (shared answers are `$ref`s). */
  answerOf: (route: Route, status: string) => { answer: Answer; pointer: string } | undefined;
  validatorOf: (schemaPointer: string) => ValidateFunction | undefined;
};

const METHODS = ["get", "post", "put", "patch", "delete"];
const checkers = new Map<string, Promise<Checker>>();

/** JSON pointer segment, percent-encoded for a URI fragment. */
const pointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));

async function loadChecker(origin: string): Promise<Checker> {
  const res = await fetch(`${origin}/api/v1/openapi.json`);
  if (!res.ok)
    throw new Error(`GET /api/v1/openapi.json answered ${res.status}: answers cannot be checked against the document`);
  const document = (await res.json()) as {
    paths: Record<string, Record<string, Operation>>;
    components?: { responses?: Record<string, Answer> };
  };
  // The document is the schema root, so its "#/components/schemas/…" references resolve.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi.json");
  const routes = Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const body = template
          .replace(/\/$/, "")
          .replace(/[.]/g, "\\.")
          .replace(/\{[^}]+\}/g, "[^/]+");
        return { method: method.toUpperCase(), template, pattern: new RegExp(`^${body}/?$`), operation };
      }),
  );
  // OpenAPI matches concrete paths before templated ones: /integration/plugin/ is not /integration/{id}/.
  const params = (template: string) => template.split("{").length;
  routes.sort((a, b) => params(a.template) - params(b.template));
  const dir = process.env.OPENAPI_ANSWERS_DIR;
  if (dir)
    fs.writeFileSync(path.join(dir, "operations.txt"), routes.map((r) => r.operation.operationId).join("\n") + "\n");
  const answerOf = (route: Route, status: string) => {
    const answer = route.operation.responses[status];
    if (!answer) return undefined;
    const shared = answer.$ref?.match(/^#\/components\/responses\/(.+)$/)?.[1];
    if (shared)
      return {
        answer: document.components?.responses?.[shared] ?? {},
        pointer: ["components", "responses", shared].map(pointer).join("/"),
      };
    return {
      answer,
      pointer: ["paths", route.template, route.method.toLowerCase(), "responses", status].map(pointer).join("/"),
    };
  };
  const validators = new Map<string, ValidateFunction | undefined>();
  const validatorOf = (answerPointer: string) => {
    if (!validators.has(answerPointer))
      validators.set(
        answerPointer,
        ajv.getSchema(`openapi.json#/${answerPointer}/content/${pointer("application/json")}/schema`),
      );
    return validators.get(answerPointer);
  };
  return { routes, answerOf, validatorOf };
}

function checkerFor(origin: string) {
  if (!checkers.has(origin)) checkers.set(origin, loadChecker(origin));
  return checkers.get(origin)!;
}

/** Where this worker records what it checked (the config sets the folder; absent, nothing is counted). */
function record(line: string) {
  const dir = process.env.OPENAPI_ANSWERS_DIR;
  if (dir) fs.appendFileSync(path.join(dir, `worker-${process.pid}.log`), line + "\n");
}

const shorten = (text: string) => (text.length > 600 ? `${text.slice(0, 600)}…` : text);

/** Checks one answer; throws when the document does not allow it. */
export async function checkAnswer(method: string, response: APIResponse): Promise<void> {
  const url = new URL(response.url());
  if (!url.pathname.startsWith("/api/v1/") && url.pathname !== "/api/health") return; // better-auth's own endpoints are not described
  const checker = await checkerFor(url.origin);
  const route = checker.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
  if (!route) {
    // A method the path does not have (Next.js answers 405 itself), or a path no route serves (404).
    if ([404, 405].includes(response.status()))
      return record(`unchecked ${method} ${url.pathname} ${response.status()}`);
    throw new Error(
      `${method} ${url.pathname} answered ${response.status()}, but the OpenAPI document has no such operation`,
    );
  }
  const { operation, template } = route;
  const status = String(response.status());
  const where = `${method} ${template} (${operation.operationId}) answered ${status}`;
  const found = checker.answerOf(route, status);
  const text = await response.text();
  if (!found) {
    throw new Error(
      `${where}, which the OpenAPI document does not declare (it declares ${Object.keys(operation.responses).join(", ")}): ${shorten(text)}`,
    );
  }
  const type = response.headers()["content-type"] ?? "";
  const media = Object.keys(found.answer.content ?? {});
  if (media.length === 0) {
    if (text !== "") throw new Error(`${where} with a body, but the document declares none: ${shorten(text)}`);
  } else if (media.includes("application/json")) {
    if (!type.includes("application/json"))
      throw new Error(`${where} with content-type "${type}", but the document declares JSON`);
    const validate = checker.validatorOf(found.pointer);
    if (!validate) throw new Error(`${where}: the document's schema for it cannot be compiled`);
    const body = JSON.parse(text) as unknown;
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath || "(body)"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
      );
      throw new Error(
        `${where} with a body the document does not allow:\n  ${errors.slice(0, 10).join("\n  ")}\nbody: ${shorten(text)}`,
      );
    }
  } else if (!media.some((m) => (m.endsWith("/*") ? type.startsWith(m.slice(0, -1)) : type.startsWith(m)))) {
    throw new Error(`${where} with content-type "${type}", but the document declares ${media.join(", ")}`);
  }
  record(`${method} ${template} ${status} ${operation.operationId}`);
}

type Sender = (url: string, options?: { method?: string }) => Promise<APIResponse>;

/** The same request context, with every answer checked against the document. */
export function checkAnswers(api: APIRequestContext): APIRequestContext {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || typeof value !== "function") return value;
      const method = property === "fetch" ? undefined : property.toUpperCase();
      if (property !== "fetch" && !METHODS.includes(property)) return value.bind(target);
      const send = value.bind(target) as Sender;
      return async (url: string | { method(): string }, options?: { method?: string }) => {
        const response = await send(url as string, options);
        const requestMethod =
          method ?? (typeof url === "string" ? (options?.method ?? "GET") : url.method()).toUpperCase();
        await checkAnswer(requestMethod, response);
        return response;
      };
    },
  });
}

/** `request.newContext(...)` whose answers are checked against the document. */
export async function newApiContext(options: Parameters<typeof playwrightRequest.newContext>[0]) {
  return checkAnswers(await playwrightRequest.newContext(options));
}
