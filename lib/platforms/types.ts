/**
 * The contract every CMS platform (WordPress now; Ghost, Shopify, Webflow later) implements.
 * Services call adapters only through this interface; platform folders never import each other.
 */

/**
 * Ids of the supported platforms, importable from client code (no server imports here).
 * `registry.ts` maps each to its adapter and fails to compile when the two lists differ.
 */
export const platformIds = ["wordpress"] as const;
export type PlatformId = (typeof platformIds)[number];

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
  }
}

/** URL and credentials of one connected site, decrypted just for the call. */
export type PlatformConnection = {
  siteUrl: string;
  username: string;
  /** The Application Password (WordPress) or API key of the platform. Never logged. */
  secret: string;
};

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
  | "invalid_response";

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

/** A content type the platform exposes (post, page, product, ...). */
export type RemoteContentType = {
  slug: string;
  name: string;
  restBase: string;
  /** Items of that type the API reports (all statuses the user can see). */
  count: number;
};

export type TaxonomyKind = "category" | "tag";

export type RemoteTerm = { externalId: number; name: string; slug: string; parentId: number | null; count: number };

/** Our side of a piece of content, as the sync moves it. */
export type ContentFields = {
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: "publish" | "draft" | "pending" | "private" | "future";
  /** Site-independent UTC date for scheduled items (`future`). */
  dateGmt?: string;
  categoryIds: number[];
  tagIds: number[];
  featuredMediaId: number | null;
};

/** A content item as read from the platform. */
export type RemoteContent = ContentFields & {
  externalId: number;
  contentType: string;
  /** UTC, ISO 8601 with `Z`. */
  modifiedGmt: string;
  link: string;
  /** `trash` and the other platform statuses are kept as they are. */
  remoteStatus: string;
};

/** Resume point of an incremental pull; opaque to services (store it as JSON). */
export type PullCursor = { modified: string; seen: string[] };

/** One page of an incremental pull. */
export type PullPage = { items: RemoteContent[]; cursor: PullCursor; total: number };

/** One item of a batched push, with its own outcome. */
export type PushResult =
  | { ok: true; content: RemoteContent }
  | { ok: false; error: PlatformError };

export type PushItem = { contentType: string; externalId?: number; fields: Partial<ContentFields> };

/** One CMS platform. All methods throw `PlatformError` unless they say otherwise. */
export interface PlatformAdapter {
  /** Stable id stored in the database (`platform` column). */
  readonly id: string;
  /** Name shown to users. */
  readonly displayName: string;

  /**
   * Diagnoses URL and credentials end to end and never throws for an expected failure:
   * the answer's `code`, `message` and `fix` explain what is wrong.
   */
  testConnection(connection: PlatformConnection): Promise<ConnectionReport>;

  /** Every content type the API exposes, with counts. */
  listContentTypes(connection: PlatformConnection): Promise<RemoteContentType[]>;

  /** Number of items of one content type (slug or rest base), e.g. for "test collection". */
  countContent(connection: PlatformConnection, contentType: string): Promise<number>;

  /** Every term of a taxonomy, all pages, parents included. */
  listTerms(connection: PlatformConnection, taxonomy: TaxonomyKind): Promise<RemoteTerm[]>;

  /** Finds or creates a term by name; calling it twice never makes a duplicate. */
  upsertTerm(
    connection: PlatformConnection,
    taxonomy: TaxonomyKind,
    term: { name: string; parentId?: number | null },
  ): Promise<{ externalId: number; created: boolean }>;

  /**
   * Walks items changed since `cursor` (from the beginning when undefined), oldest change first,
   * one page at a time. Safe to stop anywhere and resume from the last page's cursor.
   */
  pullContent(
    connection: PlatformConnection,
    params: { contentType: string; cursor?: PullCursor; status?: string[]; pageSize?: number },
  ): AsyncGenerator<PullPage>;

  /** Reads one item; undefined when the platform no longer has it. */
  getContent(connection: PlatformConnection, contentType: string, externalId: number): Promise<RemoteContent | undefined>;

  /** Creates (no `externalId`) or updates one item and returns it as stored. */
  pushContent(connection: PlatformConnection, item: PushItem): Promise<RemoteContent>;

  /** Pushes many items in as few requests as the platform allows; one result per item, in order. */
  pushContentBatch(connection: PlatformConnection, items: PushItem[]): Promise<PushResult[]>;

  /** Uploads a file to the media library. */
  uploadMedia(
    connection: PlatformConnection,
    file: { bytes: Uint8Array; filename: string; contentType: string; altText?: string },
  ): Promise<{ externalId: number; url: string }>;

  /** Current ids of a content type (cheap reconciliation: what is no longer there was trashed/deleted). */
  listContentIds(connection: PlatformConnection, contentType: string): Promise<number[]>;
}
