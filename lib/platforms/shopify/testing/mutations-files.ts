/** stagedUploadsCreate, fileCreate, metafieldsDelete and webhookSubscriptionCreate. */
import { createHmac, randomUUID } from "node:crypto";
import { requireScope, webhookView, type ServerContext } from "./queries";
import { toHandle, type Metafields } from "./state";
import { fileView, gid, idOf } from "./views";

/** Signs a staged upload target, so only the URL handed out is accepted. */
export const uploadSignature = (key: string) => createHmac("sha256", "staged-uploads").update(key).digest("hex");

export function fileMutations(ctx: ServerContext) {
  const { state, base } = ctx;
  return {
    stagedUploadsCreate({
      input,
    }: {
      input: Array<{ filename: string; mimeType: string; resource: string; httpMethod?: string }>;
    }) {
      requireScope(ctx, "write_files", "stagedUploadsCreate");
      const stagedTargets = input.map((target) => {
        const key = `tmp/${randomUUID()}/${encodeURIComponent(target.filename)}`;
        const resourceUrl = `${base}/staged-uploads/${key}`;
        // A signed PUT target, as Shopify's default (PUT) gives; a POST form upload is not modelled.
        return {
          url: `${resourceUrl}?X-Goog-Signature=${uploadSignature(key)}`,
          resourceUrl,
          parameters: [
            { name: "content_type", value: target.mimeType },
            { name: "acl", value: "private" },
          ],
        };
      });
      return { stagedTargets, userErrors: [] };
    },

    fileCreate({
      files,
    }: {
      files: Array<{ originalSource: string; alt?: string; contentType?: string; filename?: string }>;
    }) {
      requireScope(ctx, "write_files", "fileCreate");
      const userErrors: Array<{ field: string[]; message: string; code: string }> = [];
      const created = files.flatMap((file, i) => {
        const prefix = `${base}/staged-uploads/`;
        const isStaged = file.originalSource.startsWith(prefix);
        const upload = isStaged ? state.uploads.get(file.originalSource.slice(prefix.length)) : undefined;
        if (isStaged && !upload) {
          userErrors.push({
            field: ["files", String(i), "originalSource"],
            message: "File does not exist",
            code: "FILE_DOES_NOT_EXIST",
          });
          return [];
        }
        const id = state.nextId();
        const filename = file.filename ?? decodeURIComponent(file.originalSource.split("/").at(-1) ?? "file");
        const record = {
          id,
          alt: file.alt ?? "",
          filename,
          mimeType: upload?.contentType ?? "image/png",
          url: isStaged ? `${base}/cdn/files/${id}/${encodeURIComponent(filename)}` : file.originalSource,
          createdAtMs: Date.now(),
          createdAt: state.now(),
        };
        if (upload) state.uploads.set(`cdn/${id}`, upload);
        state.files.set(id, record);
        return [fileView(record)];
      });
      return { files: userErrors.length ? null : created, userErrors };
    },

    metafieldsDelete({ metafields }: { metafields: Array<{ ownerId: string; namespace: string; key: string }> }) {
      const deleted = metafields.map((m) => {
        const type = /gid:\/\/shopify\/([A-Za-z]+)\//.exec(m.ownerId)?.[1] ?? "";
        requireScope(ctx, type === "Product" ? "write_products" : "write_content", "metafieldsDelete");
        const owner: { metafields: Metafields; updatedAt: string } | undefined =
          type === "Article"
            ? state.articles.get(idOf(m.ownerId, type)!)
            : type === "Page"
              ? state.pages.get(idOf(m.ownerId, type)!)
              : type === "Product"
                ? state.products.get(idOf(m.ownerId, type)!)
                : undefined;
        if (!owner?.metafields.delete(`${m.namespace}.${m.key}`)) return null;
        owner.updatedAt = state.now();
        return m;
      });
      return { deletedMetafields: deleted, userErrors: [] };
    },

    // A handle given that another blog has is refused (the enum has no TAKEN; INVALID with the
    // uniqueness message); one derived from the title gets -1, -2 … as other handles do.
    blogCreate({ blog }: { blog: { title: string; handle?: string } }) {
      requireScope(ctx, "write_content", "blogCreate");
      const isTaken = (handle: string) => [...state.blogs.values()].some((b) => b.handle === handle);
      if (!blog.title.trim())
        return {
          blog: null,
          userErrors: [{ field: ["blog", "title"], message: "Title can't be blank", code: "INVALID" }],
        };
      if (blog.handle && isTaken(toHandle(blog.handle)))
        return {
          blog: null,
          userErrors: [{ field: ["blog", "handle"], message: "Handle has already been taken", code: "INVALID" }],
        };
      let handle = toHandle(blog.handle ?? blog.title);
      for (let n = 1; isTaken(handle); n++) handle = `${toHandle(blog.title)}-${n}`;
      const now = state.now();
      const record = {
        id: state.nextId(),
        title: blog.title,
        handle,
        createdAt: now,
        updatedAt: now,
      };
      state.blogs.set(record.id, record);
      return { blog: { __typename: "Blog", ...record, id: gid("Blog", record.id) }, userErrors: [] };
    },

    webhookSubscriptionCreate({
      topic,
      webhookSubscription,
    }: {
      topic: string;
      webhookSubscription: { uri?: string };
    }) {
      if (topic.startsWith("PRODUCTS_")) requireScope(ctx, "read_products", "webhookSubscriptionCreate");
      const uri = webhookSubscription.uri ?? "";
      if ([...state.webhooks.values()].some((w) => w.topic === topic && w.uri === uri))
        return {
          webhookSubscription: null,
          userErrors: [
            { field: ["webhookSubscription", "callbackUrl"], message: "Address for this topic has already been taken" },
          ],
        };
      const record = { id: state.nextId(), topic, uri, createdAt: state.now() };
      state.webhooks.set(record.id, record);
      return { webhookSubscription: webhookView(record), userErrors: [] };
    },
  };
}
