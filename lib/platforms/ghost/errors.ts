import "server-only";
import type { EgressError } from "@/lib/server/egress";
import { PlatformError } from "@/lib/platforms/types";
import { KEY_FIX } from "./auth";
import { ghostErrorsSchema } from "./schemas";

/** Plain-words fixes shown with each kind of failure. */
export const FIX = {
  key: KEY_FIX,
  unreachable: "Check the site URL and that the Ghost site is online and reachable from the internet.",
  blocked: "Use the public address of the Ghost site; private and local addresses are not allowed.",
  invalidUrl: "Enter the site's address, e.g. https://example.com.",
  rateLimited: "The site is limiting requests; the sync will try again shortly.",
  proxy:
    "Something in front of Ghost (a proxy or firewall) answered instead of the Admin API; allow /ghost/api/admin/.",
} as const;

/** Parses the Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps an egress failure (blocked, unreachable, too large) to a PlatformError. */
export function fromEgressError(err: EgressError): PlatformError {
  switch (err.code) {
    case "blocked_address":
      return new PlatformError("blocked_address", err.message, { fix: FIX.blocked, cause: err });
    case "invalid_url":
      return new PlatformError("invalid_url", err.message, { fix: FIX.invalidUrl, cause: err });
    case "unreachable":
      return new PlatformError("unreachable", err.message, {
        retryable: err.retryable,
        platformCode: err.reason,
        fix: FIX.unreachable,
        cause: err,
      });
    default:
      return new PlatformError("invalid_response", err.message, { cause: err });
  }
}

/** The first error of Ghost's `{"errors":[…]}`, when the body is one. */
function readGhostError(body: string) {
  try {
    const parsed = ghostErrorsSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.errors[0] : undefined;
  } catch {
    return undefined;
  }
}

/** Ghost's codes for a token it cannot read (some come with 400): the key or its use is wrong. */
const AUTH_CODES = /JWT|ADMIN_API_KEY|ADMIN_API_KID|AUTH_HEADER/;

/** Maps a non-2xx Admin API answer to a PlatformError; Ghost's `code` (or error type) is kept. */
export function fromHttpError(status: number, body: string, retryAfter: string | null): PlatformError {
  const ghost = readGhostError(body);
  const detail = ghost ? [ghost.message, ghost.context].filter(Boolean).join(": ") : "";
  const message = detail || `Ghost answered HTTP ${status}.`;
  const base = { status, platformCode: ghost?.code ?? ghost?.type, data: ghost };
  if (status === 401 || AUTH_CODES.test(ghost?.code ?? ""))
    return new PlatformError("auth_failed", message, { ...base, fix: FIX.key });
  if (status === 403) {
    if (!ghost)
      return new PlatformError("rest_blocked", `HTTP 403 from something that is not Ghost.`, {
        ...base,
        fix: FIX.proxy,
      });
    return new PlatformError("forbidden", message, { ...base, fix: FIX.key });
  }
  if (status === 404) return new PlatformError("not_found", message, base);
  // Ghost's answer for an endpoint this version does not have, when Accept-Version is sent.
  if (status === 406) return new PlatformError("unsupported", message, base);
  if (status === 409) return new PlatformError("conflict", message, base);
  if (status === 429) {
    return new PlatformError("rate_limited", "The site is rate limiting requests (HTTP 429).", {
      ...base,
      retryable: true,
      retryAfterMs: parseRetryAfter(retryAfter),
      fix: FIX.rateLimited,
    });
  }
  if (status === 501) return new PlatformError("unsupported", message, base);
  if (status >= 500) {
    return new PlatformError("server_error", `The Ghost site had an error (HTTP ${status}): ${message}`, {
      ...base,
      retryable: true,
      retryAfterMs: parseRetryAfter(retryAfter),
    });
  }
  if (status >= 400) return new PlatformError("bad_request", message, base);
  return new PlatformError("invalid_response", message, base);
}
