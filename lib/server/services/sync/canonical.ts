import "server-only";
import { listRefsOf } from "@/db/queries/content-refs";
import type { RemoteItem } from "@/lib/platforms/types";
import type { SeoValues } from "@/lib/schemas/seo";
import type { SyncContext } from "./context";

/**
 * An item published to several destinations names its first one as canonical on the others, so
 * search engines credit one address; an item's own canonical URL always wins. The borrowed value
 * is not the item's own: a pull that reads it back leaves the item's canonical URL as it was.
 */

/** The addresses each item has on the site's other integrations, oldest integration first. */
export async function addressesElsewhere(ctx: SyncContext, contentIds: string[]): Promise<Map<string, string[]>> {
  const refs = await listRefsOf(ctx.db, { accountId: ctx.accountId, contentIds });
  const out = new Map<string, string[]>();
  for (const [id, list] of refs)
    out.set(
      id,
      list.filter((r) => r.integrationId !== ctx.integration.id && r.url).map((r) => r.url!),
    );
  return out;
}

/** The SEO fields a push sends: the item's own, with the first destination's address as canonical when it has none. */
export function withBorrowedCanonical(seo: SeoValues, elsewhere: string[] | undefined): SeoValues {
  return seo.canonical_url || !elsewhere?.length ? seo : { ...seo, canonical_url: elsewhere[0] };
}

/** A pulled item with a canonical URL that is only the one we lent it (another destination's address) read as none. */
export function withoutBorrowedCanonical(remote: RemoteItem, elsewhere: string[] | undefined): RemoteItem {
  const canonical = remote.seo?.canonical_url;
  if (!remote.seo || !canonical || !elsewhere?.includes(canonical)) return remote;
  return { ...remote, seo: { ...remote.seo, canonical_url: null } };
}
