import "server-only";

/**
 * Every error code the API answers with, and its HTTP status. Platform and provider codes are
 * answered as 422 when they describe the user's remote system (the request was understood; the
 * remote side said no) and 502/503 when the remote side is down.
 */
export const errorStatus = {
  invalid_json: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  /** Another push of the same item is running (a double click, the scheduler, a sync run). */
  publish_in_progress: 409,
  /** A first publication would pass the site's daily, weekly or monthly publishing limit. */
  publish_limit_reached: 409,
  payload_too_large: 413,
  validation_error: 422,
  unknown_model: 422,
  auth_failed: 422,
  quota_exceeded: 422,
  model_not_found: 422,
  no_api_key: 422,
  // A stored integration secret (the site's Application Password, the webhook signing secret)
  // cannot be decrypted: tampered, or its key left ENCRYPTION_KEYS. The user's stored data cannot
  // be used, like no_api_key: not a crash (5xx would invite blind retries and alerts) and not a
  // conflict with another change (409), and the request itself is fine: answered with what to
  // re-enter. The webhook receiver answers it as 503 instead, so the plugin keeps its deliveries.
  credentials_unreadable: 422,
  rate_limited: 429,
  internal_error: 500,
  key_unreadable: 500,
  unreachable: 502,
  invalid_response: 502,
  service_unavailable: 503,
  /** One-click connect by OAuth needs IGNY8's app on that platform, and this server has none configured. */
  oauth_not_configured: 503,
  // Connection doctor and platform codes (issue 3): the user's WordPress said no, or cannot be used.
  // (auth_failed above; unreachable answers 422 when a connection test fails, see doctorError.)
  insufficient_role: 422,
  rest_blocked: 422,
  not_wordpress: 422,
  app_passwords_unavailable: 422,
  // Ghost, Shopify and Webflow's doctors: not that platform, an unusable key, too old, missing
  // scopes or plan, the chosen collection or field map gone.
  not_ghost: 422,
  invalid_key_format: 422,
  ghost_too_old: 422,
  not_shopify: 422,
  missing_scopes: 422,
  plan_required: 422,
  collection_missing: 422,
  mapping_invalid: 422,
  blocked_address: 422,
  invalid_url: 422,
  remote_not_found: 422,
  unsupported_platform: 422,
  /** The platform cannot do this (it answered 501, or the feature is turned off there). */
  unsupported: 422,
  server_error: 502,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * The status of a platform's code when it reports the user's own site refusing: the connection
 * doctor's verdict, a push that the whole site stopped, an authorization address the site
 * announced. The request was understood and the site said no, so 422 whatever the code's own
 * status above (`unreachable` is 502 when a provider is down, 422 when a connection test finds the
 * site unreachable). Raised with `new ApiError(code, message, { isSiteRefusal: true })`.
 */
export const SITE_REFUSAL_STATUS = 422;

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fix?: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode | (string & {}),
    message: string,
    options: {
      /** Answered as the user's site refusing (SITE_REFUSAL_STATUS), not with the code's own status. */
      isSiteRefusal?: boolean;
      /** @deprecated The status comes from the table; only the webhook receiver's 503 still sets it. */
      status?: number;
      fix?: string;
      details?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    const ownStatus = options.status ?? errorStatus[code as ErrorCode] ?? 422;
    this.status = options.isSiteRefusal ? SITE_REFUSAL_STATUS : ownStatus;
    this.fix = options.fix;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export const notFound = (what = "Resource") => new ApiError("not_found", `${what} not found.`);

export function errorBody(error: ApiError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fix ? { fix: error.fix } : {}),
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}

export function errorResponse(error: ApiError) {
  return Response.json(errorBody(error), { status: error.status, headers: error.headers });
}
