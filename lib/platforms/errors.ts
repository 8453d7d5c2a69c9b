/** Why a platform call failed, and what a connection test found. Re-exported by types.ts. */

/**
 * Why a platform call failed. Stable: services store them and the UI explains them.
 * - `auth_failed`: the platform did not accept the credentials (401).
 * - `forbidden`: authenticated, but this user may not do that (403 with the platform's JSON).
 * - `rest_blocked`: a firewall or security plugin answered instead of the API (403 or HTML).
 * - `not_found`: the item or route does not exist (404).
 * - `rate_limited`: 429; retry after `retryAfterMs`.
 * - `unreachable`: DNS, refused, timeout, TLS, connection reset.
 * - `invalid_response`: the answer was not what the API documents (HTML for JSON, bad shape).
 * - `conflict`: the item changed on the platform since we last read it.
 * - `blocked_address`: the URL points at a private or otherwise non-public address (SSRF guard).
 * - `bad_request`: the platform refused the input (400); `platformCode` says why.
 * - `unsupported`: the platform cannot do this (501, disabled feature).
 * - `server_error`: 5xx from the platform.
 * - `invalid_url`: the site URL is not an absolute http(s) URL.
 */
export type PlatformErrorCode =
  | "auth_failed"
  | "forbidden"
  | "rest_blocked"
  | "not_found"
  | "rate_limited"
  | "unreachable"
  | "invalid_response"
  | "conflict"
  | "blocked_address"
  | "bad_request"
  | "unsupported"
  | "server_error"
  | "invalid_url";

export class PlatformError extends Error {
  readonly code: PlatformErrorCode;
  /** True when the same request may succeed later (429, 5xx, timeouts, resets). */
  readonly retryable: boolean;
  /** HTTP status of the platform's answer, when there was one. */
  readonly status?: number;
  /** What the user can do about it, in plain words. */
  readonly fix?: string;
  /** The platform's own error code, e.g. WordPress `rest_cannot_create` or `term_exists`. */
  readonly platformCode?: string;
  /** The platform's error payload (`data` of a WordPress error), for callers that need it. */
  readonly data?: unknown;
  /** Server-requested wait before retrying (Retry-After), in ms. */
  readonly retryAfterMs?: number;
  /** True when no retry can help until someone acts (the address is no such platform any more). */
  readonly permanent: boolean;

  constructor(
    code: PlatformErrorCode,
    message: string,
    opts: {
      retryable?: boolean;
      status?: number;
      fix?: string;
      platformCode?: string;
      data?: unknown;
      retryAfterMs?: number;
      permanent?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "PlatformError";
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.status = opts.status;
    this.fix = opts.fix;
    this.platformCode = opts.platformCode;
    this.data = opts.data;
    this.retryAfterMs = opts.retryAfterMs;
    this.permanent = opts.permanent ?? false;
  }
}

/** Codes the connection doctor reports; `connected: true` has none. */
export type ConnectionProblemCode =
  | "invalid_url"
  | "unreachable"
  | "not_wordpress"
  | "rest_blocked"
  | "app_passwords_unavailable"
  | "auth_failed"
  | "insufficient_role"
  | "blocked_address"
  | "invalid_response"
  // Ghost
  | "not_ghost"
  | "invalid_key_format"
  | "ghost_too_old"
  // Shopify, Webflow
  | "not_shopify"
  | "missing_scopes"
  | "plan_required"
  | "collection_missing"
  | "mapping_invalid";

/** What a connection test found: a verdict, an explanation and what we learnt about the site. */
export type ConnectionReport = {
  connected: boolean;
  code?: ConnectionProblemCode;
  /** Finer cause within `code`, e.g. auth_failed: wrong_credentials | header_stripped | unknown_user. */
  reason?: string;
  message: string;
  fix?: string;
  /** Things worth knowing that are not errors, e.g. "plain permalinks: using ?rest_route=". */
  notes: string[];
  site: {
    version?: string;
    /** Discovered API root; empty when the site could not be reached. */
    restUrl: string;
    user?: { id: number; name: string; roles: string[] };
    capabilities?: { publish_posts: boolean; upload_files: boolean; manage_categories: boolean };
  };
};

/**
 * A failure of the whole site rather than of one item: the site refuses us (401/403), a firewall
 * answers instead of the API, the address is not allowed or is no such platform any more.
 * Retrying cannot help until someone acts.
 */
export function isSiteWideFailure(error: unknown): error is PlatformError {
  if (!(error instanceof PlatformError)) return false;
  return SITE_WIDE.has(error.code) || error.permanent;
}

const SITE_WIDE = new Set<PlatformErrorCode>([
  "auth_failed",
  "rest_blocked",
  "blocked_address",
  "invalid_url",
  "forbidden",
]);
