import "server-only";
import { createHash } from "node:crypto";
import { PlatformError, type PlatformSession } from "@/lib/platforms/types";
import type { WfSite } from "./site";

/** The client renames S3's form fields (xAmzAlgorithm); S3 wants them as Webflow sent them. */
const FORM_NAMES: Record<string, string> = {
  xAmzAlgorithm: "X-Amz-Algorithm",
  xAmzCredential: "X-Amz-Credential",
  xAmzDate: "X-Amz-Date",
  policy: "Policy",
  xAmzSignature: "X-Amz-Signature",
  successActionStatus: "success_action_status",
  contentType: "content-type",
  cacheControl: "Cache-Control",
};

type UploadTicket = {
  id?: string;
  uploadUrl?: string;
  uploadDetails?: Record<string, string>;
  hostedUrl?: string;
  assetUrl?: string;
};

/**
 * Images as Webflow assets, in two steps: ask Webflow where to upload (`POST /sites/{id}/assets`
 * with the file's MD5), then POST the file to that address as a form with every field it gave.
 */
export function mediaOf(site: WfSite): PlatformSession["media"] {
  return {
    async upload(file) {
      const fileHash = createHash("md5").update(file.bytes).digest("hex");
      const fileName = file.filename.slice(-99);
      const ticket = (await site.api.call((c) =>
        c.assets.create(site.config.site_id, { fileName, fileHash }),
      )) as UploadTicket;
      if (!ticket.id || !ticket.uploadUrl)
        throw new PlatformError("invalid_response", "Webflow gave no upload address for the image.");
      const form = new FormData();
      for (const [key, value] of Object.entries(ticket.uploadDetails ?? {}))
        form.append(FORM_NAMES[key] ?? key, String(value));
      form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), fileName);
      const res = await site.http(ticket.uploadUrl, { method: "POST", body: form });
      if (!res.ok)
        throw new PlatformError(
          "server_error",
          `Webflow's file storage refused the image (HTTP ${res.status}: ${(await res.text()).slice(0, 200)}).`,
          {
            status: res.status,
            retryable: res.status >= 500,
          },
        );
      return { externalId: ticket.id, url: ticket.hostedUrl ?? ticket.assetUrl ?? "" };
    },
    async resolveUrls(ids) {
      const urls = new Map<string, string>();
      for (const id of ids) {
        try {
          const asset = (await site.api.call((c) => c.assets.get(id))) as { hostedUrl?: string };
          if (asset.hostedUrl) urls.set(id, asset.hostedUrl);
        } catch (error) {
          if (!(error instanceof PlatformError) || (error.code !== "not_found" && error.code !== "bad_request"))
            throw error;
        }
      }
      return urls;
    },
  };
}
