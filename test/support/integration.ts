import { deflateSync, crc32 } from "node:zlib";
import type { Db } from "@/db/client";
import { createSite } from "@/db/queries/sites";
import { siteIntegrations, type Site, type SiteIntegration } from "@/db/tables";
import { saveWordPressCredentials } from "@/lib/server/services/wordpress-credentials";
import type { WordPressTestSite } from "./wordpress";

/**
 * A site with the fixture's credentials and a connected WordPress integration pointing at `url`
 * (the fixture itself, or a proxy in front of it), straight in the database.
 */
export async function createTestIntegration(
  db: Db,
  accountId: string,
  wp: WordPressTestSite,
  options: { url?: string; applicationPassword?: string; configJson?: Record<string, unknown> } = {},
): Promise<{ site: Site; integration: SiteIntegration }> {
  const url = options.url ?? wp.url;
  const created = await createSite(db, { accountId, name: `WordPress ${url}`, url });
  const site = (await saveWordPressCredentials(
    db,
    created,
    wp.username,
    options.applicationPassword ?? wp.applicationPassword,
  ))!;
  const [integration] = await db
    .insert(siteIntegrations)
    .values({
      accountId,
      siteId: site.id,
      platform: "wordpress",
      externalSiteUrl: url,
      connectionStatus: "connected",
      syncStatus: "idle",
      configJson: options.configJson ?? {},
    })
    .returning();
  return { site, integration };
}

/** A valid PNG of one colour (WordPress checks uploads are real images). */
export function pngBytes(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3])]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
