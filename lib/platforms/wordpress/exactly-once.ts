import "server-only";
import type { PushItem } from "@/lib/platforms/types";
import { LIVE_STATUSES, resolveType } from "./content-types";
import { wpPostSchema } from "./schemas";
import type { WpSite } from "./site";

/**
 * The post an earlier, unanswered create of this item made, if any. With the IGNY8 Connector the
 * post carries our id (`_igny8_content_id`, queried by `igny8_content_id`); without it, a post
 * with the item's slug (or, slug-less, found by search) and exactly its title.
 */
export async function findCreated(
  site: WpSite,
  item: Pick<PushItem, "ref" | "contentType"> & { slug: string; title: string },
): Promise<string | undefined> {
  const { route } = await resolveType(site.client, item.contentType);
  if (await site.hasPlugin()) {
    const query = { igny8_content_id: item.ref, context: "edit", _fields: "id", per_page: 1 };
    const res = await site.client.listPage(route, wpPostSchema, query);
    return res.items[0] ? String(res.items[0].id) : undefined;
  }
  const match = item.slug ? { slug: item.slug } : { search: item.title };
  const res = await site.client.listPage(route, wpPostSchema, {
    ...match,
    status: LIVE_STATUSES.join(","),
    context: "edit",
    _fields: "id,title",
    per_page: 20,
    orderby: "id",
    order: "desc",
  });
  const found = res.items.find((p) => (p.title?.raw ?? "") === item.title);
  return found ? String(found.id) : undefined;
}
