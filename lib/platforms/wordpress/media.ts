import "server-only";
import { z } from "zod";
import { PlatformError, type PlatformSession } from "@/lib/platforms/types";
import type { WpSite } from "./site";

const mediaListSchema = z.looseObject({ id: z.number(), source_url: z.string().optional().default("") });

/** The media library: raw-body uploads, and source URLs of attachments by id (100 per request). */
export function mediaOf(site: WpSite): PlatformSession["media"] {
  return {
    async upload(file) {
      const media = await site.client.uploadMedia(file);
      return { externalId: String(media.id), url: media.source_url };
    },
    async resolveUrls(ids) {
      const urls = new Map<string, string>();
      for (let i = 0; i < ids.length; i += 100) {
        const include = ids.slice(i, i + 100).map(Number);
        try {
          const page = await site.client.listPage("/wp/v2/media", mediaListSchema, {
            include,
            per_page: 100,
            _fields: "id,source_url",
          });
          for (const media of page.items) urls.set(String(media.id), media.source_url);
        } catch (error) {
          // A malformed or foreign id list: none of them is known.
          if (!(error instanceof PlatformError) || error.code !== "bad_request") throw error;
        }
      }
      return urls;
    },
  };
}
