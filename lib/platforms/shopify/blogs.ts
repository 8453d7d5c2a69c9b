import "server-only";
import { PlatformError, type RemoteDestination } from "@/lib/platforms/types";
import { fromUserErrors } from "./errors";
import { CREATE_BLOG, LIST_BLOGS } from "./operations";
import type { UserError } from "./schemas";
import type { Store } from "./store";
import { fromGid } from "./transform";

type BlogNode = { id: string; title: string; handle: string; articlesCount?: { count: number } | null };

const toDestination = (b: BlogNode, currentId: string | undefined): RemoteDestination => ({
  id: fromGid(b.id),
  title: b.title,
  handle: b.handle,
  itemCount: b.articlesCount?.count ?? 0,
  isCurrent: fromGid(b.id) === currentId,
});

/** The store's blogs, oldest first; the current one is the configured blog, else the first. */
export async function listBlogs(store: Store): Promise<RemoteDestination[]> {
  const data = await store.client.request<{ blogs: { nodes: BlogNode[] } }>(LIST_BLOGS, { first: 250 });
  const nodes = data.blogs.nodes;
  const currentId = store.config.blog_id ? fromGid(store.config.blog_id) : nodes[0] && fromGid(nodes[0].id);
  return nodes.map((b) => toDestination(b, currentId));
}

/** Creates a blog. Shopify derives the handle from the title when none is given; a taken one is a conflict. */
export async function createBlog(store: Store, input: { title: string; handle?: string }): Promise<RemoteDestination> {
  const blog = { title: input.title, ...(input.handle ? { handle: input.handle } : {}) };
  const data = await store.client.request<{ blogCreate: { blog: BlogNode | null; userErrors: UserError[] } }>(
    CREATE_BLOG,
    { blog },
  );
  const { userErrors } = data.blogCreate;
  const taken = userErrors.find((e) => e.field?.includes("handle") && /taken/i.test(e.message));
  if (taken)
    throw new PlatformError(
      "conflict",
      `The blog handle "${input.handle ?? input.title}" is taken: ${taken.message}.`,
      {
        platformCode: "TAKEN",
        fix: "Choose that blog instead, or give the new blog another handle.",
        data: userErrors,
      },
    );
  if (userErrors.length || !data.blogCreate.blog) throw fromUserErrors(userErrors);
  return toDestination({ ...data.blogCreate.blog, articlesCount: { count: 0 } }, undefined);
}
