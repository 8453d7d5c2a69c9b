/** pageCreate/Update/Delete and productUpdate with Shopify's business rules. */
import {
  checkHandle,
  freeHandle,
  publication,
  setMetafields,
  type ContentInput,
  type UserError,
} from "./mutations-content";
import { requireScope, type ServerContext } from "./queries";
import type { Metafields, PageRecord } from "./state";
import { idOf, pageView, productView } from "./views";

type ProductInput = {
  id?: string;
  descriptionHtml?: string;
  seo?: { title?: string; description?: string };
  title?: string;
  tags?: string[];
};

export function pageMutations(ctx: ServerContext) {
  const { state } = ctx;
  const failed = (key: string, userErrors: UserError[]) => ({ [key]: null, userErrors });
  return {
    pageCreate({ page: input }: { page: ContentInput }) {
      requireScope(ctx, "write_content", "pageCreate");
      if (!input.title?.trim())
        return failed("page", [{ field: ["page", "title"], message: "Title can't be blank", code: "BLANK" }]);
      const handle = checkHandle(ctx, "page", "page", input);
      if (handle.errors.length) return failed("page", handle.errors);
      const metafields: Metafields = new Map();
      const metaErrors = setMetafields(state, metafields, input.metafields, "page");
      if (metaErrors.length) return failed("page", metaErrors);
      const now = state.now();
      const record: PageRecord = {
        id: state.nextId(),
        title: input.title,
        handle: handle.handle ?? freeHandle(state, "page", input.title),
        body: input.body ?? "",
        ...publication(state, { isPublished: true, ...input }),
        createdAt: now,
        updatedAt: now,
        metafields,
      };
      state.pages.set(record.id, record);
      return { page: pageView(state, record), userErrors: [] };
    },

    pageUpdate({ id, page: input }: { id: string; page: ContentInput }) {
      requireScope(ctx, "write_content", "pageUpdate");
      const record = state.pages.get(idOf(id, "Page") ?? -1);
      if (!record) return failed("page", [{ field: ["id"], message: "Page does not exist", code: "NOT_FOUND" }]);
      const handle = checkHandle(ctx, "page", "page", input, record.id);
      if (handle.errors.length) return failed("page", handle.errors);
      const metaErrors = setMetafields(state, record.metafields, input.metafields, "page");
      if (metaErrors.length) return failed("page", metaErrors);
      Object.assign(record, {
        ...(input.title !== undefined && { title: input.title }),
        ...(handle.handle && { handle: handle.handle }),
        ...(input.body !== undefined && { body: input.body }),
        ...(input.isPublished !== undefined || input.publishDate !== undefined
          ? publication(state, input, record)
          : {}),
        updatedAt: state.now(),
      });
      return { page: pageView(state, record), userErrors: [] };
    },

    pageDelete({ id }: { id: string }) {
      requireScope(ctx, "write_content", "pageDelete");
      if (!state.pages.delete(idOf(id, "Page") ?? -1))
        return {
          deletedPageId: null,
          userErrors: [{ field: ["id"], message: "Page does not exist", code: "NOT_FOUND" }],
        };
      return { deletedPageId: id, userErrors: [] };
    },

    productUpdate(args: { product?: ProductInput }) {
      requireScope(ctx, "write_products", "productUpdate");
      const input = args.product ?? {};
      const record = ctx.state.products.get(idOf(input.id, "Product") ?? -1);
      if (!record) return { product: null, userErrors: [{ field: ["id"], message: "Product does not exist" }] };
      Object.assign(record, {
        ...(input.descriptionHtml !== undefined && { descriptionHtml: input.descriptionHtml }),
        ...(input.seo && { seo: { ...record.seo, ...input.seo } }),
        ...(input.title !== undefined && { title: input.title }),
        ...(input.tags !== undefined && { tags: input.tags }),
        updatedAt: state.now(),
      });
      ctx.emit("PRODUCTS_UPDATE", record.id);
      return { product: productView(record, ctx.base), userErrors: [] };
    },
  };
}
