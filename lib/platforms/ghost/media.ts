import "server-only";
import { EgressError } from "@/lib/server/egress";
import { mapWithConcurrency } from "@/lib/server/concurrency";
import type { PlatformSession } from "@/lib/platforms/types";
import { ghostImageUploadSchema } from "./schemas";
import type { GhostSite } from "./site";
import { mediaIdOf, readMediaId } from "./transform";

/**
 * Images through `/images/upload/`. Ghost has no media library with ids: an image's id is its
 * URL (with the alt text in the fragment, see mediaIdOf), and it resolves while it is served.
 */
export function mediaOf(site: GhostSite): PlatformSession["media"] {
  async function isServed(url: string): Promise<boolean> {
    try {
      const { status } = await site.client.fetchPublic(url, "HEAD");
      return status >= 200 && status < 300;
    } catch (error) {
      if (error instanceof EgressError) return false;
      throw error;
    }
  }

  return {
    async upload(file) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.filename);
      form.append("ref", file.filename);
      const { images } = await site.client.request("POST", "images/upload/", ghostImageUploadSchema, { form });
      return { externalId: mediaIdOf(images[0].url, file.altText), url: images[0].url };
    },
    async resolveUrls(ids) {
      const urls = new Map<string, string>();
      const ours = ids.filter((id) => /^https?:\/\//.test(readMediaId(id).url));
      await mapWithConcurrency(ours, site.concurrency, async (id) => {
        const { url } = readMediaId(id);
        if (await isServed(url)) urls.set(id, url);
      });
      return urls;
    },
  };
}
