import "server-only";
import type { WebflowError, WebflowTimeoutError } from "webflow-api";
import { PlatformError } from "@/lib/platforms/types";

/** Plain-words fixes for what Webflow refuses. */
export const FIX = {
  token:
    "Create a new site API token in Webflow (Site settings → Apps & integrations → API access) with the CMS, " +
    "Sites and Assets scopes, and paste it here; or reconnect with Webflow.",
  scopes: (scopes: string[]) =>
    `Create a new token with the ${scopes.join(", ")} scope${scopes.length > 1 ? "s" : ""} (Webflow site settings → Apps & integrations → API access) and paste it here.`,
  plan: "Upgrade the Webflow site to a paid site plan (CMS or higher): Webflow refuses CMS API writes on free sites.",
  collection: "Choose the site and collection again in the integration's settings: this one is no longer there.",
  mapping: "Open the field mapping, check the fields Webflow no longer has (or changed), and save it again.",
  slug: "Change the slug in IGNY8 (or rename or delete the Webflow item that has it) and push again.",
  unreachable: "Webflow's API could not be reached; the sync will try again shortly.",
  rateLimited: "Webflow's per-minute request budget is spent; the sync waits and carries on.",
} as const;

type ErrorBody = { code?: string; message?: string; details?: unknown[] };

/** The scopes a 403 `missing_scopes` names. */
export function missingScopesOf(error: PlatformError): string[] {
  const text = [error.message, ...(((error.data as ErrorBody | undefined)?.details ?? []) as unknown[])].join(" ");
  return [...new Set([...text.matchAll(/\b([a-z_]+:(?:read|write))\b/gi)].map((m) => m[1].toLowerCase()))];
}

/** Whether Webflow refused a CMS write because the site has no paid plan. */
export const isPlanRefusal = (error: unknown) =>
  error instanceof PlatformError && error.status === 403 && /plan/i.test(error.message);

/** Seconds (or an HTTP date) in Retry-After, in ms. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps what the webflow-api client throws to a PlatformError keeping Webflow's own code. */
export function fromWebflowError(
  error: unknown,
  sdk: { WebflowError: typeof WebflowError; WebflowTimeoutError: typeof WebflowTimeoutError },
): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof sdk.WebflowTimeoutError)
    return new PlatformError("unreachable", "Webflow did not answer in time.", {
      retryable: true,
      fix: FIX.unreachable,
      cause: error,
    });
  if (!(error instanceof sdk.WebflowError) || error.statusCode === undefined)
    return new PlatformError("unreachable", `Webflow could not be reached: ${(error as Error)?.message ?? error}`, {
      retryable: true,
      fix: FIX.unreachable,
      cause: error,
    });
  const status = error.statusCode;
  const body = (typeof error.body === "object" && error.body ? error.body : {}) as ErrorBody;
  const message = body.message || `Webflow answered HTTP ${status}.`;
  const base = { status, platformCode: body.code, data: body, cause: error };
  if (status === 401) return new PlatformError("auth_failed", message, { ...base, fix: FIX.token });
  if (status === 403) {
    const err = new PlatformError("forbidden", message, base);
    if (body.code === "missing_scopes")
      return new PlatformError("forbidden", message, { ...base, fix: FIX.scopes(missingScopesOf(err)) });
    return new PlatformError("forbidden", message, { ...base, fix: /plan/i.test(message) ? FIX.plan : undefined });
  }
  if (status === 404) return new PlatformError("not_found", message, base);
  if (status === 409) return new PlatformError("conflict", message, base);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.rawResponse?.headers.get("retry-after"));
    return new PlatformError("rate_limited", "Webflow's rate limit was reached (HTTP 429).", {
      ...base,
      retryable: true,
      retryAfterMs,
      fix: FIX.rateLimited,
    });
  }
  if (status >= 500)
    return new PlatformError("server_error", `Webflow had an error (HTTP ${status}).`, { ...base, retryable: true });
  return new PlatformError("bad_request", message, base);
}
