import "server-only";
import { PlatformError, type PlatformSession } from "@/lib/platforms/types";
import { fromStatus, fromTransportError, fromUserErrors } from "./errors";
import { FILE_CREATE, FILE_STATUS, STAGED_UPLOADS_CREATE } from "./operations";
import type { UserError } from "./schemas";
import type { Store } from "./store";
import { fromGid, toGid } from "./transform";

type FileNode = {
  id: string;
  fileStatus: string;
  fileErrors: Array<{ message: string }>;
  image: { url: string } | null;
} | null;
const isUrl = (value: string) => /^https?:\/\//i.test(value);

async function fileStatus(store: Store, ids: string[]): Promise<FileNode[]> {
  const data = await store.client.request<{ nodes: FileNode[] }>(FILE_STATUS, {
    ids: ids.map((id) => toGid("MediaImage", id)),
  });
  return data.nodes;
}

/** Waits for Shopify to process a file (fileCreate is asynchronous); its CDN URL once READY. */
async function readyUrl(store: Store, id: string, timeoutMs = 30_000): Promise<string> {
  const started = Date.now();
  for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
    const [node] = await fileStatus(store, [id]);
    if (node?.fileStatus === "READY" && node.image) return node.image.url;
    if (node?.fileStatus === "FAILED")
      throw new PlatformError(
        "bad_request",
        `Shopify could not process the image: ${node.fileErrors.map((e) => e.message).join("; ")}`,
      );
    if (Date.now() - started > timeoutMs)
      throw new PlatformError("server_error", "Shopify is still processing the image.", { retryable: true });
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** An article image's URL: public URLs as they are; our media ids (files we uploaded) by their CDN URL. */
export async function resolveImageUrl(store: Store, mediaId: string): Promise<string> {
  if (isUrl(mediaId)) return mediaId;
  return readyUrl(store, fromGid(mediaId));
}

/** Files: staged upload (Shopify cannot fetch a private URL) → fileCreate → READY. Ids are MediaImage ids. */
export function mediaOf(
  store: Store,
  http: (url: string, init: RequestInit) => Promise<Response>,
): PlatformSession["media"] {
  return {
    async upload({ bytes, filename, contentType, altText }) {
      const staged = await store.client.request<{
        stagedUploadsCreate: {
          stagedTargets: Array<{
            url: string;
            resourceUrl: string;
            parameters: Array<{ name: string; value: string }>;
          }> | null;
          userErrors: UserError[];
        };
      }>(STAGED_UPLOADS_CREATE, {
        input: [
          { filename, mimeType: contentType, resource: "IMAGE", httpMethod: "PUT", fileSize: String(bytes.byteLength) },
        ],
      });
      if (staged.stagedUploadsCreate.userErrors.length) throw fromUserErrors(staged.stagedUploadsCreate.userErrors);
      const target = staged.stagedUploadsCreate.stagedTargets?.[0];
      if (!target) throw new PlatformError("invalid_response", "Shopify gave no upload target.");
      // A signed PUT: its parameters are headers (content_type, acl as x-goog-acl).
      const headers: Record<string, string> = { "Content-Type": contentType };
      for (const p of target.parameters) if (p.name === "acl") headers["x-goog-acl"] = p.value;
      let res: Response;
      try {
        res = await http(target.url, { method: "PUT", headers, body: Buffer.from(bytes) });
      } catch (err) {
        throw fromTransportError(err);
      }
      if (!res.ok) throw fromStatus(res.status, await res.text());
      const created = await store.client.request<{
        fileCreate: { files: Array<{ id: string }> | null; userErrors: UserError[] };
      }>(FILE_CREATE, {
        files: [{ originalSource: target.resourceUrl, contentType: "IMAGE", alt: altText ?? "", filename }],
      });
      if (created.fileCreate.userErrors.length) throw fromUserErrors(created.fileCreate.userErrors);
      const id = fromGid(created.fileCreate.files![0].id);
      return { externalId: id, url: await readyUrl(store, id) };
    },

    async resolveUrls(externalIds) {
      const urls = new Map<string, string>();
      const ids = externalIds.filter((id) => !isUrl(id) && /^\d+$|^gid:/.test(id));
      for (const id of externalIds) if (isUrl(id)) urls.set(id, id);
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        const nodes = await fileStatus(store, chunk);
        nodes.forEach((node, k) => node?.image && urls.set(chunk[k], node.image.url));
      }
      return urls;
    },
  };
}
