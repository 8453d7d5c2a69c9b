import "server-only";
import type { Db } from "@/db/client";
import type { Site } from "@/db/tables";
import * as q from "@/db/queries/sites";
import type { CreateSiteBody, SiteDto } from "@/lib/schemas/sites";
import { siteSchema } from "@/lib/schemas/sites";
import type { PaginationQuery } from "@/lib/schemas/common";
import { offsetOf } from "../api/paginate";
import { notFound } from "../api/errors";

/** The API shape of a site: the Application Password never leaves, only whether one is stored. */
export function toSiteDto(site: Site): SiteDto {
  return siteSchema.parse({
    id: site.id,
    name: site.name,
    url: site.url,
    wp_username: site.wpUsername,
    has_wp_api_key: !!site.wpApiKey,
    wp_api_key_last4: site.wpApiKey ? site.wpApiKeyLast4 : null,
    created_at: site.createdAt.toISOString(),
    updated_at: site.updatedAt.toISOString(),
  });
}

export async function listSites(db: Db, accountId: string, page: PaginationQuery) {
  return q.listSites(db, { accountId, limit: page.page_size, offset: offsetOf(page) });
}

/** The account's site, or undefined (a page answers its own 404). */
export function findSite(db: Db, accountId: string, id: string): Promise<Site | undefined> {
  return q.getSite(db, { accountId, id });
}

export async function getSiteOr404(db: Db, accountId: string, id: string) {
  const site = await q.getSite(db, { accountId, id });
  if (!site) throw notFound("Site");
  return site;
}

export async function createSite(db: Db, accountId: string, body: CreateSiteBody) {
  return q.createSite(db, { accountId, name: body.name, url: body.url });
}

export async function updateSite(db: Db, accountId: string, id: string, body: Partial<CreateSiteBody>) {
  const site = await q.updateSite(db, { accountId, id }, body);
  if (!site) throw notFound("Site");
  return site;
}

export async function deleteSite(db: Db, accountId: string, id: string) {
  if (!(await q.deleteSite(db, { accountId, id }))) throw notFound("Site");
}
