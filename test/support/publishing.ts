import net from "node:net";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, publications, publishingSettings, type Publication } from "@/db/tables";
import { getOrCreatePublishingSettings } from "@/db/queries/publishing";

/** Sets a site's publishing settings straight in the database (the API path has its own tests). */
export async function setPublishingSettings(
  db: Db,
  accountId: string,
  siteId: string,
  values: Partial<typeof publishingSettings.$inferInsert>,
) {
  await getOrCreatePublishingSettings(db, { accountId, siteId });
  await db.update(publishingSettings).set(values).where(eq(publishingSettings.siteId, siteId));
}

/** Approved items, oldest approved first in the order given. */
export async function createApprovedContent(
  db: Db,
  accountId: string,
  siteId: string,
  titles: string[],
  extra: Partial<typeof content.$inferInsert> = {},
) {
  const rows = [];
  for (const [i, title] of titles.entries()) {
    const [row] = await db
      .insert(content)
      .values({
        accountId,
        siteId,
        title,
        content: `<p>${title}</p>`,
        status: "approved",
        approvedAt: new Date(Date.UTC(2020, 0, 1, 0, i)),
        ...extra,
      })
      .returning();
    rows.push(row);
  }
  return rows;
}

export async function listLedger(db: Db, siteId: string): Promise<Publication[]> {
  return db.select().from(publications).where(eq(publications.siteId, siteId));
}

/** A loopback port nothing listens on (a site that is down). */
export async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
