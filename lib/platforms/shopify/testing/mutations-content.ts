/** articleCreate/Update/Delete with Shopify's business rules (handles, author, blog, publication). */
import { requireScope, type ServerContext } from "./queries";
import { toHandle, type ArticleRecord, type Metafields, type ShopState } from "./state";
import { articleView, idOf } from "./views";

export type UserError = { field: string[] | null; message: string; code?: string };
type MetafieldInput = { namespace?: string; key?: string; type?: string; value?: string };
export type ContentInput = {
  title?: string;
  body?: string;
  summary?: string;
  handle?: string;
  tags?: string[];
  image?: { url?: string; altText?: string } | null;
  isPublished?: boolean;
  publishDate?: string;
  blogId?: string;
  author?: { name?: string; userId?: string };
  metafields?: MetafieldInput[];
};

export function setMetafields(
  state: ShopState,
  target: Metafields,
  inputs: MetafieldInput[] | undefined,
  root: string,
) {
  const errors: UserError[] = [];
  for (const [i, m] of (inputs ?? []).entries()) {
    if (!m.key || m.value === undefined || m.value === "") {
      errors.push({ field: [root, "metafields", String(i), "value"], message: "Value can't be blank", code: "BLANK" });
      continue;
    }
    const key = `${m.namespace ?? "$app"}.${m.key}`;
    const type = m.type ?? target.get(key)?.type;
    if (!type)
      errors.push({ field: [root, "metafields", String(i), "type"], message: "Type can't be blank", code: "BLANK" });
    else target.set(key, { type, value: m.value, updatedAt: state.now() });
  }
  return errors;
}

/** Publication as Shopify keeps it: visible from `publishDate` (or now) when published; none when hidden. */
export function publication(
  state: ShopState,
  input: ContentInput,
  current?: { isPublished: boolean; publishedAt: string | null },
) {
  const isPublished = input.isPublished ?? (input.publishDate ? true : (current?.isPublished ?? false));
  if (!isPublished) return { isPublished, publishedAt: null };
  const publishedAt = input.publishDate
    ? new Date(input.publishDate).toISOString().replace(".000Z", "Z")
    : (current?.publishedAt ?? state.now());
  return { isPublished, publishedAt };
}

export function checkHandle(
  ctx: ServerContext,
  kind: "article" | "page",
  root: string,
  input: ContentInput,
  id?: number,
  blogId?: number,
) {
  if (input.handle === undefined) return { errors: [] as UserError[] };
  const handle = toHandle(input.handle);
  if (ctx.state.isHandleFree(kind, handle, id, blogId)) return { handle, errors: [] as UserError[] };
  return { errors: [{ field: [root, "handle"], message: "Handle has already been taken", code: "TAKEN" }] };
}

/** A derived handle never collides: Shopify appends -1, -2 … (an explicit one is TAKEN instead). */
export function freeHandle(state: ShopState, kind: "article" | "page", title: string, blogId?: number) {
  const base = toHandle(title);
  for (let n = 0; ; n++) {
    const handle = n === 0 ? base : `${base}-${n}`;
    if (state.isHandleFree(kind, handle, undefined, blogId)) return handle;
  }
}

export function contentMutations(ctx: ServerContext) {
  const { state } = ctx;
  const failed = (key: string, userErrors: UserError[]) => ({ [key]: null, userErrors });

  return {
    articleCreate({ article: input, blog }: { article: ContentInput; blog?: { title?: string } }) {
      requireScope(ctx, "write_content", "articleCreate");
      let blogId = idOf(input.blogId, "Blog");
      if (!blogId && blog?.title) {
        blogId = state.nextId();
        state.blogs.set(blogId, {
          id: blogId,
          title: blog.title,
          handle: toHandle(blog.title),
          createdAt: state.now(),
          updatedAt: state.now(),
        });
      }
      if (!blogId)
        return failed("article", [
          {
            field: ["article"],
            message: "Must reference or create a blog when creating an article.",
            code: "BLOG_REFERENCE_REQUIRED",
          },
        ]);
      if (!state.blogs.has(blogId))
        return failed("article", [{ field: ["article", "blogId"], message: "Blog does not exist", code: "NOT_FOUND" }]);
      if (!input.author?.name?.trim() && !input.author?.userId)
        return failed("article", [
          { field: ["article", "author"], message: "Author field is required.", code: "AUTHOR_FIELD_REQUIRED" },
        ]);
      if (!input.title?.trim())
        return failed("article", [{ field: ["article", "title"], message: "Title can't be blank", code: "BLANK" }]);
      const handle = checkHandle(ctx, "article", "article", input, undefined, blogId);
      if (handle.errors.length) return failed("article", handle.errors);
      const metafields: Metafields = new Map();
      const metaErrors = setMetafields(state, metafields, input.metafields, "article");
      if (metaErrors.length) return failed("article", metaErrors);
      const now = state.now();
      const record: ArticleRecord = {
        id: state.nextId(),
        blogId,
        title: input.title,
        handle: handle.handle ?? freeHandle(state, "article", input.title, blogId),
        body: input.body ?? "",
        summary: input.summary ?? null,
        tags: input.tags ?? [],
        image: input.image?.url ? { url: input.image.url, altText: input.image.altText ?? null } : null,
        ...publication(state, input),
        author: input.author.name ?? "Staff",
        createdAt: now,
        updatedAt: now,
        metafields,
      };
      state.articles.set(record.id, record);
      return { article: articleView(state, record), userErrors: [] };
    },

    articleUpdate({ id, article: input }: { id: string; article: ContentInput }) {
      requireScope(ctx, "write_content", "articleUpdate");
      const record = state.articles.get(idOf(id, "Article") ?? -1);
      if (!record) return failed("article", [{ field: ["id"], message: "Article does not exist", code: "NOT_FOUND" }]);
      if (input.title !== undefined && !input.title.trim())
        return failed("article", [{ field: ["article", "title"], message: "Title can't be blank", code: "BLANK" }]);
      const blogId = idOf(input.blogId, "Blog") ?? record.blogId;
      const handle = checkHandle(ctx, "article", "article", input, record.id, blogId);
      if (handle.errors.length) return failed("article", handle.errors);
      const metaErrors = setMetafields(state, record.metafields, input.metafields, "article");
      if (metaErrors.length) return failed("article", metaErrors);
      Object.assign(record, {
        blogId,
        ...(input.title !== undefined && { title: input.title }),
        ...(handle.handle && { handle: handle.handle }),
        ...(input.body !== undefined && { body: input.body }),
        ...(input.summary !== undefined && { summary: input.summary }),
        ...(input.tags !== undefined && { tags: input.tags }),
        ...(input.author?.name && { author: input.author.name }),
        ...(input.image !== undefined && {
          image: input.image?.url ? { url: input.image.url, altText: input.image.altText ?? null } : null,
        }),
        ...(input.isPublished !== undefined || input.publishDate !== undefined
          ? publication(state, input, record)
          : {}),
        updatedAt: state.now(),
      });
      return { article: articleView(state, record), userErrors: [] };
    },

    articleDelete({ id }: { id: string }) {
      requireScope(ctx, "write_content", "articleDelete");
      const n = idOf(id, "Article") ?? -1;
      if (!state.articles.delete(n))
        return {
          deletedArticleId: null,
          userErrors: [{ field: ["id"], message: "Article does not exist", code: "NOT_FOUND" }],
        };
      return { deletedArticleId: id, userErrors: [] };
    },
  };
}
