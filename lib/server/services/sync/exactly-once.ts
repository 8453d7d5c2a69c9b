import "server-only";
import type { Content } from "@/db/tables";
import { wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import type { SyncContext } from "./context";

const ANY_STATUS = "publish,future,draft,pending,private";

/**
 * The WordPress post an earlier, unanswered create of this item made, if any. With the IGNY8
 * Connector the post carries our id (`_igny8_content_id`, queried by `igny8_content_id`); without
 * it, a post with the item's slug (or, slug-less, found by search) and exactly its title.
 */
export async function findExistingPost(ctx: SyncContext, route: string, item: Content): Promise<number | undefined> {
  if (await ctx.hasPlugin()) {
    const res = await ctx.client.listPage(route, wpPostSchema, { igny8_content_id: item.id, context: "edit", _fields: "id", per_page: 1 });
    return res.items[0]?.id;
  }
  const query = item.slug ? { slug: item.slug } : { search: item.title };
  const res = await ctx.client.listPage(route, wpPostSchema, { ...query, status: ANY_STATUS, context: "edit", _fields: "id,title", per_page: 20, orderby: "id", order: "desc" });
  return res.items.find((p) => (p.title?.raw ?? "") === item.title)?.id;
}
