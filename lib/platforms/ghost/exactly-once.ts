import "server-only";
import type { PushItem } from "@/lib/platforms/types";
import { browse } from "./changes";
import { readMarker } from "./marker";
import type { GhostSite } from "./site";

/** A ref safe to put in an NQL string (our refs are UUIDs). */
const SAFE_REF = /^[A-Za-z0-9_-]{1,100}$/;

/** The post an earlier create of ours made, found by the marker of its ref (marker.ts). */
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
  return res.posts.find((p) => readMarker(p.codeinjection_foot)?.ref === item.ref)?.id;
}
