import "server-only";
import { PlatformError } from "@/lib/platforms/types";
import type { UserError } from "./schemas";

/** Plain-words fixes. */
export const FIX = {
  credentials:
    "Reconnect the store, or paste a fresh Admin API access token (or the app's client id and secret) from the Shopify Dev Dashboard.",
  scopes: (scopes: string[]) =>
    `Give the app these access scopes in the Shopify Dev Dashboard (or reinstall it to approve them): ${scopes.join(", ")}.`,
  unreachable: "Check the store address (https://<shop>.myshopify.com) and that the store is online.",
  notShopify: "Enter the store's myshopify.com address, e.g. https://example.myshopify.com (not its custom domain).",
  blocked: "Use the store's public myshopify.com address; private and local addresses are not allowed.",
  handleTaken:
    "Another item in Shopify already uses this URL handle: change the slug in IGNY8, or rename or delete the other item in Shopify.",
  chooseBlog: "Choose one of the store's blogs, or create one, under Integrations → Blog.",
} as const;

/** Maps a failure of the engine's egress (duck-typed: platform code does not import the server's egress). */
export function fromTransportError(err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  // @shopify/graphql-client wraps a failed fetch in its own Error; the egress error is its cause.
  let inner: unknown = err;
  for (let i = 0; i < 5 && inner instanceof Error && inner.name !== "EgressError" && inner.cause; i++)
    inner = inner.cause;
  if (inner instanceof Error && inner.name === "EgressError") err = inner;
  const e = err as { name?: string; code?: string; reason?: string; retryable?: boolean; message?: string };
  const message = e?.message ?? String(err);
  if (e?.name === "EgressError" && e.code === "blocked_address")
    return new PlatformError("blocked_address", message, { fix: FIX.blocked, cause: err });
  if (e?.name === "EgressError" && e.code === "invalid_url")
    return new PlatformError("invalid_url", message, { fix: FIX.notShopify, cause: err });
  if (e?.name === "EgressError" && e.code === "response_too_large")
    return new PlatformError("invalid_response", message, { cause: err });
  const isTimeout = e?.name === "TimeoutError" || e?.name === "AbortError" || e?.reason === "timeout";
  return new PlatformError("unreachable", message, {
    retryable: e?.retryable ?? true,
    platformCode: isTimeout ? "timeout" : e?.reason,
    fix: FIX.unreachable,
    cause: err,
  });
}

/** Maps an HTTP status Shopify answered with instead of GraphQL. */
export function fromStatus(status: number, body: string, retryAfterMs?: number): PlatformError {
  const detail = body.slice(0, 200);
  if (status === 401)
    return new PlatformError("auth_failed", `Shopify refused the access token: ${detail}`, {
      status,
      fix: FIX.credentials,
    });
  if (status === 402)
    return new PlatformError("forbidden", "The Shopify store is frozen (unpaid).", {
      status,
      platformCode: "payment_required",
      permanent: true,
    });
  if (status === 403)
    return new PlatformError("forbidden", `Shopify refused the request: ${detail}`, { status, fix: FIX.credentials });
  if (status === 404)
    return new PlatformError("not_found", "No Shopify Admin API at this address.", { status, fix: FIX.notShopify });
  if (status === 423)
    return new PlatformError("forbidden", "The Shopify store is locked.", {
      status,
      platformCode: "locked",
      permanent: true,
    });
  if (status === 429)
    return new PlatformError("rate_limited", "Shopify is limiting requests.", {
      status,
      retryable: true,
      retryAfterMs,
    });
  if (status >= 500)
    return new PlatformError("server_error", `Shopify answered ${status}.`, { status, retryable: true });
  return new PlatformError("bad_request", `Shopify answered ${status}: ${detail}`, { status });
}

/** A GraphQL `errors` entry that is not THROTTLED. */
export function fromGraphQLErrors(
  errors: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>,
) {
  const first = errors[0];
  const code = first.extensions?.code;
  const message = errors.map((e) => e.message).join("; ");
  if (code === "ACCESS_DENIED") {
    const scopes = errors.flatMap((e) => /`(\w+)`/.exec(String(e.extensions?.requiredAccess ?? e.message))?.[1] ?? []);
    return new PlatformError("forbidden", message, { platformCode: code, fix: FIX.scopes(scopes), data: { scopes } });
  }
  return new PlatformError(code === "INTERNAL_SERVER_ERROR" ? "server_error" : "bad_request", message, {
    platformCode: code,
    retryable: code === "INTERNAL_SERVER_ERROR",
    data: errors,
  });
}

/** A mutation's userErrors as one per-item error; TAKEN on the handle says how to fix it. */
export function fromUserErrors(userErrors: UserError[]): PlatformError {
  const taken = userErrors.find((e) => e.code === "TAKEN" && e.field?.includes("handle"));
  if (taken)
    return new PlatformError("conflict", `The URL handle is taken: ${taken.message}`, {
      platformCode: "TAKEN",
      fix: FIX.handleTaken,
      data: userErrors,
    });
  const blog = userErrors.find((e) => e.field?.includes("blogId"));
  if (blog)
    return new PlatformError("not_found", `The article's Shopify blog: ${blog.message}.`, {
      platformCode: blog.code ?? undefined,
      fix: FIX.chooseBlog,
      data: userErrors,
    });
  const first = userErrors[0];
  return new PlatformError(
    "bad_request",
    userErrors.map((e) => `${e.field?.join(".") ?? ""} ${e.message}`.trim()).join("; "),
    {
      platformCode: first?.code ?? undefined,
      data: userErrors,
    },
  );
}
