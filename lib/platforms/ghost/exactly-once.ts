import "server-only";
import type { PushItem } from "@/lib/platforms/types";
import { browse } from "./changes";
import type { GhostSite } from "./site";

/**
 * Our id kept in the post, so a create whose answer was lost is found again. It lives in the
 * post's footer code injection as an HTML comment: Ghost stores that field verbatim, keeps it
 * when an update leaves it out (we never send it again), lets NQL filter on it, and shows it
 * nowhere but as an invisible comment in the page's source. Tags would work too, but one
 * internal tag per post would flood the site's tag list.
 */
export const refMarker = (ref: string) => `<!-- igny8:${ref} -->`;

/** A ref safe to put in an NQL string (our refs are UUIDs). */
const SAFE_REF = /^[A-Za-z0-9_-]{1,100}$/;

/** The post an earlier create of ours made, found by the marker of its ref. */
export async function findCreated(
  site: GhostSite,
  item: Pick<PushItem, "ref" | "contentType">,
): Promise<string | undefined> {
  if (!SAFE_REF.test(item.ref)) return undefined;
  const res = await browse(site, item.contentType, {
    fields: "id,codeinjection_foot",
    filter: `codeinjection_foot:~'igny8:${item.ref} '`,
    limit: 2,
  });
  return res.posts.find((p) => p.codeinjection_foot?.includes(refMarker(item.ref)))?.id;
}
