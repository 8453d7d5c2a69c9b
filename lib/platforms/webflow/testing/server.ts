import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { IHttpRequest } from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import type { Answer, Call } from "./answers";
import { emitItemEvent, TRIGGERS, type Delivery } from "./emit";
import { createGate, scopesOf, type Budget } from "./gate";
import { itemHandlers } from "./items";
import { seed } from "./seed";
import { sideDoor, type OAuthApp } from "./side-doors";
import { siteHandlers } from "./site";
import { specOperations } from "./spec";
import { createStore, type Item } from "./store";
import { requestViolations, responseViolations, routeRequest } from "./validate";

const HANDLERS = { ...itemHandlers, ...siteHandlers };
const API_PREFIX = "/v2";

/** Options of the test server. */
export type WebflowServerOptions = { budget?: Partial<Budget> };

/**
 * A stateful Webflow Data API v2 on 127.0.0.1 (random port). Every request and every answer is
 * checked against the vendored spec with the overlay: a request Webflow would refuse gets 422,
 * an answer Webflow would not give becomes 500, and both are recorded in `violations`.
 */
export async function startWebflowServer(options: WebflowServerOptions = {}) {
  const operations = await specOperations();
  const store = createStore();
  const fixture = seed(store);
  const gate = createGate(store, { limit: 600, windowMs: 60_000, ...options.budget });
  const oauth: OAuthApp = {
    clientId: "test-client-id",
    clientSecret: "test-client-secret-0123456789",
    codes: new Map(),
    redirectUris: new Map(),
  };
  const deliveries: Delivery[] = [];
  const violations: string[] = [];
  const stats = { requests: 0, rateLimited: 0, byOperation: {} as Record<string, number> };
  /** Test hook: rewrites the next answer of an operation (to prove a bad answer is caught). */
  const tamper = new Map<string, (answer: Answer) => Answer>();
  let origin = "";

  async function api(req: IncomingMessage, raw: Buffer): Promise<Answer & { token?: string }> {
    const url = new URL(req.url ?? "/", origin);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return {
          status: 400,
          body: { code: "bad_request", message: "Body is not JSON", externalReference: null, details: [] },
        };
      }
    }
    const request: IHttpRequest = {
      method: (req.method ?? "get").toLowerCase() as IHttpRequest["method"],
      url: { path: url.pathname.slice(API_PREFIX.length) || "/", query: Object.fromEntries(url.searchParams) },
      headers,
      body,
    };
    const routed = routeRequest(operations, request);
    if (!routed) return { status: 404, body: { code: "route_not_found", message: `No route ${request.url.path}` } };
    const { operation } = routed;
    const auth = gate.authenticate(headers.authorization);
    if ("status" in auth) return checked(operation, auth);
    const limited = gate.spend(auth.token);
    if (limited) return (stats.rateLimited++, checked(operation, limited, auth.token));
    const denied = gate.authorize(auth.token, operation) ?? planRefusal(operation, routed.params);
    if (denied) return checked(operation, denied, auth.token);
    const problems = requestViolations(operation, request);
    if (problems.length) {
      violations.push(...problems.map((p) => `request ${operation.iid ?? operation.path}: ${p}`));
      return { status: 422, body: { title: "Invalid request", detail: problems.join("; "), violations: problems } };
    }
    const id = operation.iid ?? "";
    stats.byOperation[id] = (stats.byOperation[id] ?? 0) + 1;
    const handler = HANDLERS[id];
    if (!handler) return { status: 501, body: { code: "not_implemented", message: `${id} is not modelled` } };
    const call: Call = {
      params: routed.params,
      query: request.url.query as Record<string, string>,
      body,
      token: auth.token,
      origin,
    };
    const before = routed.params.item_id
      ? store.entries(routed.params.collection_id).get(routed.params.item_id)
      : undefined;
    let answer = handler(store, call);
    answer = tamper.get(id)?.(answer) ?? answer;
    tamper.delete(id);
    if (answer.status < 300) emit(id, routed.params.collection_id, answer, before?.staged);
    return checked(operation, answer, auth.token);
  }

  /** CMS writes are refused on a site without a paid plan. */
  function planRefusal(operation: IHttpOperation, params: Record<string, string>): Answer | undefined {
    if (!scopesOf(operation).includes("cms:write")) return undefined;
    const site = store.sites.get(store.collections.get(params.collection_id ?? "")?.siteId ?? "");
    if (site?.plan !== "free") return undefined;
    const message = "CMS API writes require a paid site plan";
    return { status: 403, body: { code: "forbidden", message, externalReference: null, details: [] } };
  }

  function emit(id: string, collectionId: string, answer: Answer, before: Item | undefined) {
    const triggerType = TRIGGERS[id];
    if (!triggerType || !collectionId) return;
    const items =
      id === "publish-item"
        ? ((answer.body as { publishedItemIds: string[] }).publishedItemIds ?? []).map(
            (i) => store.entries(collectionId).get(i)!.staged,
          )
        : id === "create-items"
          ? (answer.body as { items: Item[] }).items
          : [(answer.body as Item | undefined)?.id ? (answer.body as Item) : before].filter((i): i is Item => !!i);
    for (const item of items) emitItemEvent(store, oauth.clientSecret, deliveries, { triggerType, collectionId, item });
  }

  /** The answer, or 500 when the spec says Webflow would never give it. */
  function checked(operation: IHttpOperation, answer: Answer, token?: string): Answer & { token?: string } {
    const headers = { "content-type": "application/json", ...(token ? gate.headers(token) : {}), ...answer.headers };
    const problems = responseViolations(operation, { statusCode: answer.status, headers, body: answer.body });
    if (!problems.length) return { ...answer, headers, token };
    violations.push(...problems.map((p) => `response ${operation.iid}: ${p}`));
    return {
      status: 500,
      body: { title: "Answer violates the spec", detail: problems.join("; "), violations: problems },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (await sideDoor(store, oauth, req, raw, res)) return;
    stats.requests++;
    const answer = await api(req, raw);
    const type = answer.status === 422 || answer.status === 500 ? "application/problem+json" : "application/json";
    const headers = { ...answer.headers, "content-type": type };
    res.writeHead(answer.status, headers).end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** Where the webflow-api client points (`baseUrl`). */
    apiBaseUrl: `${origin}${API_PREFIX}`,
    store,
    fixture,
    oauth,
    gate,
    deliveries,
    violations,
    stats,
    tamper,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebflowTestServer = Awaited<ReturnType<typeof startWebflowServer>>;
