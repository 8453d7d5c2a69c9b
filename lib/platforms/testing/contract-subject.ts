import type { Credentials, PlatformAdapter, PlatformFetch, TaxonomyKind } from "@/lib/platforms/types";

/** What the suite needs to drive one platform, and what it cleans up afterwards. */
export type ContractSubject = {
  adapter: PlatformAdapter;
  siteUrl: string;
  credentials: { good: Credentials; bad: Credentials };
  http: PlatformFetch;
  /** Waits until a new write gets a new version (platforms stamp versions to the second). */
  tick(): Promise<void>;
  /** Changes an item the way a user on the platform would. */
  editRemote(contentType: string, externalId: string, fields: { title: string }): Promise<void>;
  /** Undefined where the platform has no trash (Ghost: a post is deleted or it is there). */
  trashRemote?(contentType: string, externalId: string): Promise<void>;
  deleteRemote(contentType: string, externalId: string): Promise<void>;
  /** A delivery about an item, signed with `secret` as the platform signs it. */
  signDelivery(item: { contentType: string; externalId: string }, secret: string): { raw: string; headers: Headers };
  /** Removes what the suite made. */
  cleanup(made: {
    items: Array<[string, string]>;
    terms: Array<[TaxonomyKind, string]>;
    media: string[];
  }): Promise<void>;
  /** Whether the platform refuses a stale update itself (else the adapter reads right before writing). */
  isExactGuard: boolean;
  /** Whether deletions are listed in `deleted` (else they are found by id: gone). */
  reportsDeletions: boolean;
  /**
   * Whether a resumed walk may read again items of the last minutes, unchanged (WordPress keeps
   * its cursor five minutes behind the site's clock). Never a gap, and never twice in one walk.
   */
  repeatsRecentUnchanged: boolean;
};
