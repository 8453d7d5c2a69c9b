import type { IPrismDiagnostic } from "@stoplight/prism-core";
import type { IHttpRequest, IHttpResponse } from "@stoplight/prism-http";
import route from "@stoplight/prism-http/dist/router";
import { validateInput, validateOutput, validateSecurity } from "@stoplight/prism-http/dist/validator";
import type { IHttpOperation } from "@stoplight/types";

/** A request as the spec sees it, with the operation it matched and its path parameters. */
export type Routed = { operation: IHttpOperation; params: Record<string, string> };

type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };
const problems = (result: Either<IPrismDiagnostic[], unknown>) =>
  result._tag === "Left" ? result.left.filter((d) => d.severity === 0) : [];

/** Human-readable violations: `body.fieldData: must have required property 'name'`. */
export const describe = (diagnostics: IPrismDiagnostic[]) =>
  diagnostics.map((d) => `${(d.path ?? []).join(".")}: ${d.message}`);

/** The spec operation a request is for, or undefined when the spec has no such route. */
export function routeRequest(operations: IHttpOperation[], request: IHttpRequest): Routed | undefined {
  const found = route({ resources: operations, input: request }) as Either<Error, IHttpOperation>;
  if (found._tag === "Left") return undefined;
  const operation = found.right;
  const names: string[] = [];
  const pattern = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
  const match = new RegExp(`^${pattern}$`).exec(request.url.path);
  const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? "")]));
  return { operation, params };
}

/** What the spec says is wrong with a request (parameters, body, security); empty when nothing. */
export function requestViolations(operation: IHttpOperation, request: IHttpRequest): string[] {
  const input = validateInput({ resource: operation, element: request }) as Either<IPrismDiagnostic[], unknown>;
  const security = validateSecurity({ resource: operation, element: request }) as Either<IPrismDiagnostic[], unknown>;
  return describe([...problems(input), ...problems(security)]);
}

/** What the spec says is wrong with an answer (status, headers, body); empty when nothing. */
export function responseViolations(operation: IHttpOperation, response: IHttpResponse): string[] {
  return describe(
    problems(validateOutput({ resource: operation, element: response }) as Either<IPrismDiagnostic[], unknown>),
  );
}
