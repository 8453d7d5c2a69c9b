import "server-only";
import type { PlatformSession } from "@/lib/platforms/types";
import { ghostImageUploadSchema } from "./schemas";
import type { GhostSite } from "./site";
import { mediaIdOf, readMediaId } from "./transform";

/**
 * Images through `/images/upload/`. Ghost has no media library with ids: an image's id is its
 * URL (with the alt text in the fragment, see mediaIdOf).
 */
export function mediaOf(site: GhostSite): PlatformSession["media"] {
  return {
    async upload(file) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.filename);
      form.append("ref", file.filename);
      const { images } = await site.client.request("POST", "images/upload/", ghostImageUploadSchema, { form });
      return { externalId: mediaIdOf(images[0].url, file.altText), url: images[0].url };
    },
    /**
     * The URL each id holds, without a request: an image a post names is Ghost's to serve (a HEAD
     * per image made a full pull of a site with an image per post several times slower).
     */
    async resolveUrls(ids) {
      const urls = new Map<string, string>();
      for (const id of ids) {
        const { url } = readMediaId(id);
        if (/^https?:\/\//.test(url)) urls.set(id, url);
      }
      return urls;
    },
  };
}
