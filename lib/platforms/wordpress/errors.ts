import { EgressError } from "@/lib/server/egress";
import { PlatformError } from "@/lib/platforms/types";
import { wpErrorSchema } from "@/lib/platforms/wordpress/schemas";

/** Plain-words fixes, in the spirit of the spec's Common Issues table. */
export const FIX = {
  credentials:
    "Check the username and paste a fresh Application Password (WordPress: Users → Profile → Application Passwords).",
  regenerate:
    "Regenerate the Application Password in WordPress (Users → Profile → Application Passwords) and update it here.",
  restBlocked:
    'A security plugin or firewall blocks the REST API. Check security plugins (Wordfence, iThemes, "Disable REST API") or the host\'s firewall (Cloudflare, ModSecurity) and allow /wp-json/.',
  unreachable: "Check the site URL and that the site is online and reachable from the internet.",
  role: "Use a WordPress user with the Editor or Administrator role.",
  rateLimited: "The site is limiting requests; the sync will try again shortly.",
} as const;

/** Parses the Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function looksLikeHtml(contentType: string | null, body: string): boolean {
  if (contentType?.includes("html")) return true;
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
}

/** Maps an egress failure (blocked, unreachable, too large) to a PlatformError. */
export function fromEgressError(err: EgressError): PlatformError {
  switch (err.code) {
    case "blocked_address":
      return new PlatformError("blocked_address", err.message, {
        fix: "Use the public address of the WordPress site; private and local addresses are not allowed.",
        cause: err,
      });
    case "invalid_url":
      return new PlatformError("invalid_url", err.message, {
        fix: "Enter the site's address, e.g. https://example.com.",
        cause: err,
      });
    case "unreachable":
      return new PlatformError("unreachable", err.message, {
        retryable: err.retryable,
        platformCode: err.reason,
        fix:
          err.reason === "tls"
            ? "The site's HTTPS certificate is not valid; renew or fix it with the host."
            : FIX.unreachable,
        cause: err,
      });
    case "too_many_redirects":
      return new PlatformError("invalid_response", err.message, {
        fix: "Check the site URL: it redirects in a loop.",
        cause: err,
      });
    case "response_too_large":
      return new PlatformError("invalid_response", err.message, { cause: err });
  }
}

/** Maps a non-2xx WordPress answer to a PlatformError with WordPress's own code kept. */
export function fromHttpError(
  status: number,
  contentType: string | null,
  body: string,
  retryAfter: string | null,
): PlatformError {
  const html = looksLikeHtml(contentType, body);
  let wpCode: string | undefined;
  let message = `WordPress answered HTTP ${status}.`;
  let data: unknown;
  if (!html) {
    try {
      const parsed = wpErrorSchema.safeParse(JSON.parse(body));
      if (parsed.success) {
        wpCode = parsed.data.code;
        message = parsed.data.message || message;
        data = parsed.data.data;
      }
    } catch {
      // not JSON: keep the generic message
    }
  }
  const base = { status, platformCode: wpCode, data };
  if (status === 401) {
    return new PlatformError(
      "auth_failed",
      html ? "The site asked for a login before WordPress could answer (HTTP 401 page)." : message,
      {
        ...base,
        fix: wpCode === "incorrect_password" ? FIX.regenerate : FIX.credentials,
      },
    );
  }
  if (status === 403) {
    if (html || !wpCode) {
      return new PlatformError(
        "rest_blocked",
        "Something in front of WordPress refused the request (403 Forbidden, not a WordPress answer).",
        { ...base, fix: FIX.restBlocked },
      );
    }
    return new PlatformError("forbidden", message, { ...base, fix: FIX.role });
  }
  if (status === 404) return new PlatformError("not_found", message, base);
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
    return new PlatformError("server_error", `The site had an error (HTTP ${status}).`, {
      ...base,
      retryable: true,
      retryAfterMs: parseRetryAfter(retryAfter),
    });
  }
  if (status >= 400) return new PlatformError("bad_request", message, base);
  return new PlatformError("invalid_response", message, base);
}
