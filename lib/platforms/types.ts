/**
 * The contract every CMS platform (WordPress now; Ghost, Shopify, Webflow later) implements.
 * The sync engine imports this file and registry.ts only; platform folders never import each
 * other. Ids are strings here, whatever the platform uses; storage converts at its edge.
 */
import type { z } from "zod";

export * from "./errors";
export type * from "./items";
export type * from "./authorize";
export type * from "./destinations";
import type { PlatformAuthorize } from "./authorize";
import type { PlatformDestinations } from "./destinations";
import type { ConnectionReport } from "./errors";
import type { ChangeCursor, ChangePage, ItemPage, RemoteContentType, RemoteItem, RemoteTerm } from "./items";
import type { PushItem, PushOutcome, SeoWriteSupport, TaxonomyKind, WebhookHints, WebhooksState } from "./items";

/**
 * Ids of the supported platforms, importable from client code (no server imports here).
 * `registry.ts` maps each to its adapter and fails to compile when the two lists differ.
 */
export const platformIds = ["wordpress", "ghost", "shopify", "webflow"] as const;
export type PlatformId = (typeof platformIds)[number];

/**
 * How a platform's requests leave the process: the engine hands every session the SSRF-safe
 * egress with the per-site limiter; adapters never call `fetch` themselves.
 */
export type PlatformFetch = (
  url: string | URL,
  init?: RequestInit & { timeoutMs?: number; maxBytes?: number; maxRedirects?: number },
) => Promise<Response>;

/** A connection's credentials by field name (WordPress: username, application_password). Never logged. */
export type Credentials = Record<string, string>;

/** What a platform can do; the engine branches on these, never on a platform id. */
export type PlatformCapabilities = {
  /** Our content types the platform can hold. */
  contentTypes: readonly string[];
  /** Taxonomies it has (Ghost: tags only). */
  taxonomies: readonly TaxonomyKind[];
  /** Whether an item can be scheduled for a future date. */
  scheduling: boolean;
  /** Many writes in one request, up to `maxItems` (the site may announce fewer), or none. */
  batchWrite: { maxItems: number } | false;
  /** `cursor`: changes since a cursor; `poll`: only whole listings. */
  changeFeed: "cursor" | "poll";
  /** `native`: the API refuses stale updates; `plugin`: when our plugin is there (else read-then-write). */
  conflictGuard: "native" | "plugin" | "read-then-write";
  /** Whether changes are announced to us, signed or not. */
  webhooks: "signed" | "unsigned" | "none";
  /** `upload`: images are uploaded to the platform; `url`: referenced by URL. */
  media: "upload" | "url";
  /** How a user connects in one click, if they can. */
  authorize: "oauth" | "app-password" | "none";
  /**
   * The platform's own statuses IGNY8 reads but never writes (Ghost's `sent`: a newsletter that
   * went out by email only; writing it would publish it on the web). None when absent.
   */
  readOnlyStatuses?: readonly string[];
  /**
   * Every request, reads included, is refused without valid credentials (Shopify's Admin API): a
   * run's first request checks them, so no separate check goes first. Absent: a read may answer
   * anonymously (WordPress's public REST API), so credentials are checked before anything else.
   */
  authenticatedReads?: boolean;
};

/** What `connect` needs: the site, its credentials and the engine's egress. */
export type ConnectParams = {
  /** The site's address as stored (normaliseSiteUrl's form). */
  siteUrl: string;
  /** As stored; the adapter checks them with its `credentials` schema. */
  credentials: Credentials;
  /** The integration's own settings (`config_json`): a Shopify blog, a Webflow collection and field map. */
  config?: Record<string, unknown>;
  /**
   * Stores credentials the session renewed (an OAuth token refreshed, a client-credentials token
   * fetched), sealed like the rest; absent in tests and one-off checks (the session keeps them in memory).
   */
  saveCredentials?: (credentials: Credentials) => Promise<void>;
  /** Every request of the session goes through it (SSRF-safe egress, per-site limiter). */
  http: PlatformFetch;
  /** Requests the session may have in flight at once (the limiter holds the rest). Default 4. */
  concurrency?: number;
  /** Extra attempts on transient failures and the first backoff. */
  retry?: { retries?: number; baseDelayMs?: number };
  /** Told before each wait for the rate limit (Shopify's bucket or THROTTLED, Webflow's budget or a 429), in ms. */
  onWait?: (ms: number) => void;
  /** Per request. */
  timeoutMs?: number;
};

/** One connected site. Every method throws `PlatformError` unless it says otherwise. */
export interface PlatformSession {
  /** Checks the credentials with a call that needs them (a public read would pass anonymously). */
  verifyCredentials(): Promise<void>;
  /** Every content type the API exposes, with counts. */
  listContentTypes(): Promise<RemoteContentType[]>;
  /** Number of items of one content type (slug or the platform's own name for it). */
  countItems(contentType: string): Promise<number>;
  /** Where changes made after now begin: the cursor a full listing hands to `listChanges`. */
  readHead(contentType: string): Promise<ChangeCursor>;
  /**
   * One page (from 1) of every live item of a type, in an order edits do not shift, so pages can
   * be fetched in parallel; with the total and the number of pages.
   */
  listItems(contentType: string, page: number): Promise<ItemPage>;
  /**
   * Items changed after each type's cursor (from the beginning when it has none), oldest change
   * first, one page at a time, deletions where the platform reports them. Every page carries the
   * cursors to resume from; stopping after any page and resuming from them loses and repeats
   * nothing. `total` is set on the first page of each walk.
   */
  listChanges(params: {
    contentTypes: string[];
    cursors: Record<string, ChangeCursor | undefined>;
    /** Items per page; the platform's maximum by default. */
    pageSize?: number;
  }): AsyncIterable<ChangePage>;
  /** One item, whatever its status; undefined when the platform no longer has it. */
  getItem(contentType: string, externalId: string): Promise<RemoteItem | undefined>;
  /** Items by id, whatever their status; ids the platform no longer has are left out. */
  getItems(contentType: string, externalIds: string[]): Promise<RemoteItem[]>;
  /**
   * Creates or updates items: one outcome per item, in order, batched when `batch` and the
   * capabilities allow. An update whose `expectedVersion` is no longer the platform's is a
   * `conflict` outcome carrying the remote copy; the adapter never resolves it. A create whose
   * answer was lost is looked up (findCreated) before it is sent again. Throws only for failures
   * of the whole site (credentials, firewall) met before any item was written.
   */
  push(items: PushItem[], options?: { batch?: boolean }): Promise<PushOutcome[]>;
  /** Whether `push` writes the SEO fields on this site (read once per session). */
  seo(): Promise<SeoWriteSupport>;
  /** The item an earlier create of ours made, if any (exactly once: that create's answer was lost). */
  findCreated(
    item: Pick<PushItem, "ref" | "contentType"> & { slug: string; title: string },
  ): Promise<string | undefined>;
  /** Categories and tags. */
  terms: {
    /** Every term of a taxonomy, all pages, parents included. */
    list(taxonomy: TaxonomyKind): Promise<RemoteTerm[]>;
    /** Finds or creates a term by name; calling it twice never makes a duplicate. */
    ensure(
      taxonomy: TaxonomyKind,
      term: { name: string; parentId?: string | null },
    ): Promise<{ externalId: string; created: boolean }>;
  };
  /** Images. */
  media: {
    /** Uploads a file to the media library. */
    upload(file: {
      bytes: Uint8Array;
      filename: string;
      contentType: string;
      altText?: string;
    }): Promise<{ externalId: string; url: string }>;
    /** Source URLs by media id; ids the platform does not have are left out. */
    resolveUrls(externalIds: string[]): Promise<Map<string, string>>;
  };
}

/** A platform's change notifications: checked, read, and set up on the site. */
export interface PlatformWebhooks {
  /** The delivery's id from its headers (repeats share it), or undefined when it has none. */
  deliveryId(headers: Headers): string | undefined;
  /** Whether the raw body is signed with one of `secrets`; constant time in the signature. */
  verify(raw: string, headers: Headers, secrets: string[]): boolean;
  /**
   * Secrets the platform signs with that IGNY8 did not choose, from the connection's credentials
   * (Shopify: the app's client secret); a delivery verifies with these or IGNY8's own.
   */
  signingSecrets?(credentials: Credentials): string[];
  /** Whether a verified delivery is too old to take (a replay, or a retry of a long-past event): refused. */
  isStale?(headers: Headers, now?: number): boolean;
  /** The delivery body as zod, for the API description. */
  readonly payloadSchema: z.ZodType;
  /**
   * Reads a delivery's JSON (also one stored earlier): the payload to store and what it hints
   * at, or why it is not one. `siteUrl` is the site it says it comes from, when it says.
   */
  parse(
    body: unknown,
  ):
    | { ok: true; payload: Record<string, unknown>; hints: WebhookHints; siteUrl?: string }
    | { ok: false; problem: string };
  /**
   * Points the site's notifications at `url`, signed with `secret`. `previous` are the
   * registrations an earlier install answered: once the new ones are in place they go. When it
   * fails, what it registered in this call is removed again and the earlier ones stay.
   */
  install(
    session: PlatformSession,
    params: { url: string; secret: string; integrationId: string; contentTypes: string[]; previous?: string[] },
  ): Promise<WebhooksState>;
  /** Whether the site sends its notifications to `url`, signed with `secret` (the current one, when there is one). */
  status(session: PlatformSession, params: { url: string; secret?: string }): Promise<WebhooksState>;
}

/** A place content goes on a platform that a connection must choose (a Webflow site's collection). */
export type RemoteCollection = { id: string; name: string; siteId: string; siteName: string };
/** A field of a collection, and the role IGNY8 would give it (body, summary, image, seo_title, ...). */
export type RemoteField = { slug: string; name: string; type: string; isRequired: boolean; suggestedRole?: string };

/**
 * What a connection chooses before it syncs, for platforms whose content model is the user's own
 * (Webflow: a site, a collection and which field holds what). Feeds the field-mapping screen.
 */
export interface PlatformSetup {
  /** Collections the credentials can write to, on every site they reach. */
  listCollections(params: { credentials: Credentials; http: PlatformFetch }): Promise<RemoteCollection[]>;
  /** A collection's fields with the suggested role of each. */
  listFields(params: { credentials: Credentials; http: PlatformFetch; collectionId: string }): Promise<RemoteField[]>;
  /** Problems of a field map against the collection as it is now (empty when it fits). */
  checkFieldMap(params: {
    credentials: Credentials;
    http: PlatformFetch;
    collectionId: string;
    fieldMap: Record<string, string>;
  }): Promise<Array<{ role: string; field: string; problem: string }>>;
}

/** One CMS platform. */
export interface PlatformAdapter {
  /** Stable id stored in the database (`platform` column); a key of the registry. */
  readonly id: string;
  /** Name shown to users. */
  readonly displayName: string;
  /** What it can do. */
  readonly capabilities: PlatformCapabilities;
  /** The credentials a connection takes (the connect form's fields and the stored value). */
  readonly credentials: z.ZodType<Credentials>;
  /** Diagnoses URL and credentials end to end; an expected failure is a report (code, message, fix), never a throw. */
  doctor(params: {
    siteUrl: string;
    credentials: Credentials;
    config?: Record<string, unknown>;
    http: PlatformFetch;
    /** Stores credentials the check renewed (as `ConnectParams.saveCredentials`; a spent refresh token is gone). */
    saveCredentials?: ConnectParams["saveCredentials"];
  }): Promise<ConnectionReport>;
  /** What a user typed as the site's address, in the one form stored; throws `invalid_url`. */
  normaliseSiteUrl(input: string): string;
  /** Opens a session on one site. Nothing is sent until a method needs it. */
  connect(params: ConnectParams): PlatformSession;
  /** Present when the platform notifies us of changes. */
  readonly webhooks?: PlatformWebhooks;
  /** Present when a user can connect in one click. */
  readonly authorize?: PlatformAuthorize;
  /** Present when a connection chooses where content goes and how its fields map. */
  readonly setup?: PlatformSetup;
  /** Present when a connection picks (or creates) the place its content goes: a Shopify store's blog. */
  readonly destinations?: PlatformDestinations;
}
