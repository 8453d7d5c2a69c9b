/** What crosses the contract: items, terms, pages of changes, push outcomes, webhook hints. */
import type { SeoKeptReason, SeoValues } from "@/lib/schemas/seo";
import type { PlatformError } from "./errors";

/** A content type the platform exposes (post, page, product, ...). */
export type RemoteContentType = {
  slug: string;
  name: string;
  /** The platform's own name for its collection. */
  restBase: string;
  /** Items of that type the API reports (all statuses the user can see). */
  count: number;
};

export type TaxonomyKind = "category" | "tag";

export type RemoteTerm = { externalId: string; name: string; slug: string; parentId: string | null; count: number };

/** A remote status in IGNY8's words; the platform's own is kept beside it (`remoteStatus`). */
export type RemoteItemStatus = "published" | "scheduled" | "draft" | "review";

/** A content item as read from the platform. */
export type RemoteItem = {
  externalId: string;
  contentType: string;
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: RemoteItemStatus;
  /** The platform's own status, as it sends it (WordPress: publish, future, trash, ...). */
  remoteStatus: string;
  /** In the platform's trash: still there, no longer live. */
  isTrashed: boolean;
  /** UTC ISO 8601, when published / scheduled. */
  publishedAt: string | null;
  scheduledAt: string | null;
  categoryIds: string[];
  tagIds: string[];
  featuredMediaId: string | null;
  /** The platform's version stamp of the item (a modification time), the base of conflict checks. */
  version: string | null;
  /** Public address; empty when it has none. */
  url: string;
  /** SEO title, description, focus keyword, canonical URL; undefined when the platform states none. */
  seo?: SeoValues;
};

/** Resume point of a listing; opaque to the engine (stored as JSON). */
export type ChangeCursor = { [key: string]: unknown };

/** One page of a full listing. */
export type ItemPage = { items: RemoteItem[]; total: number; pages: number };

/** One page of changes. */
export type ChangePage = {
  items: RemoteItem[];
  /** Items the platform reports deleted (not merely trashed). */
  deleted: Array<{ contentType: string; externalId: string }>;
  /** Where to resume each type walked so far (only the types this page moved). */
  cursors: Record<string, ChangeCursor>;
  /** Items the walk will go through, on its first page. */
  total?: number;
  /**
   * Every id the platform has of a type, whatever the status, when the walk read them all in one
   * cheap listing (Ghost): the engine checks its own items against them, so a deletion nobody
   * reported is found by the next incremental pull. On the first page of that type's walk.
   */
  present?: Record<string, string[]>;
};

/** Our side of an item, as a push sends it. */
export type ItemFields = {
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  status: "published" | "draft" | "scheduled";
  /** UTC ISO 8601; with `scheduled`. */
  scheduledAt?: string;
  categoryIds: string[];
  tagIds: string[];
  /** Undefined leaves the image as it is; null removes it. */
  featuredMediaId?: string | null;
  /** Written where the session's `seo()` says it can; null fields clear the platform's value. */
  seo?: SeoValues;
};

/** Whether a push writes the SEO fields: where to (`targets`), or why they stay in IGNY8. */
export type SeoWriteSupport = { canWrite: true; targets: string[] } | { canWrite: false; reason: SeoKeptReason };

/** One item to create (no `externalId`) or update. */
export type PushItem = {
  /** Our id: the platform keeps it where it can, so a lost create is found again (findCreated). */
  ref: string;
  contentType: string;
  externalId?: string;
  fields: ItemFields;
  /** An update must not overwrite a remote version other than this one (our base). */
  expectedVersion?: string | null;
};

/** What a push wrote, as the platform answered. */
export type PushedItem = {
  externalId: string;
  url: string | null;
  remoteStatus: string;
  version: string | null;
  /** The platform's status in IGNY8's words, when it says (else: what was asked for). */
  status?: RemoteItemStatus;
};

/** What became of one pushed item. */
export type PushOutcome =
  | { ok: true; action: "created" | "updated"; item: PushedItem }
  /**
   * The update was refused because the remote copy changed since `expectedVersion`; `remote` is
   * that copy; `isExact` says the platform refused the write itself (not a read just before it).
   */
  | { ok: false; error: PlatformError; conflict: { remote: RemoteItem; isExact: boolean } }
  | { ok: false; error: unknown; conflict?: undefined };

/** What a webhook delivery says happened; only a hint: the engine always reads the item itself. */
export type WebhookHints = {
  /** Our content type, when it is one the platform names. */
  type: string;
  externalId: string;
  /** The platform's word for it (post_updated, post_deleted, ...). */
  action: string;
  /** A delivery that only says "hello" (nothing to read). */
  isPing: boolean;
  /** Caused by our own write (echo): nothing to read back. */
  isOurEcho: boolean;
};

/** Whether a site sends us its changes, as the dashboard shows it. */
export type WebhooksState = {
  installed: boolean;
  configured: boolean;
  points_here: boolean;
  version: string | null;
  queue: { pending: number; failed: number } | null;
  last_deliveries: unknown[];
  message: string;
  fix?: string;
  /**
   * Ids the platform gave the webhooks `install` registered (Ghost); the engine stores them and
   * hands them back as `previous` to the install that replaces them.
   */
  registrations?: string[];
};
