import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { canManage } from "@/lib/server/session";
import { listSites, toSiteDto } from "@/lib/server/services/sites";
import { listSitePlatformNames } from "@/lib/server/services/site-integrations";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { AddSiteForm } from "@/components/sites/add-site-form";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage() {
  const auth = await requirePageAuth();
  const db = await getDb();
  const [{ rows }, platforms] = await Promise.all([
    listSites(db, auth.accountId, { page: 1, page_size: 100 }),
    listSitePlatformNames(db, auth.accountId),
  ]);
  const sites = rows.map(toSiteDto);
  const connectedTo = (site: (typeof sites)[number]) =>
    platforms.get(site.id) ?? (site.has_wp_api_key ? ["WordPress"] : []);
  return (
    <>
      <PageHeader
        title="Sites"
        description="The websites IGNY8 publishes to. Add a site, then connect it under Integrations."
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div>
          {sites.length === 0 ? (
            <EmptyState title="No sites yet">
              Add your first website with its name and address. You can connect it to WordPress, Ghost, Shopify or
              Webflow right after.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Sites">
              {sites.map((site) => (
                <li key={site.id} className="flex items-center justify-between gap-4 px-5 py-4">
                  <div className="min-w-0">
                    <Link
                      href={`/sites/${site.id}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {site.name}
                    </Link>
                    <p className="truncate text-sm text-slate-600">{site.url}</p>
                  </div>
                  {connectedTo(site).length ? (
                    <Badge tone="green">{connectedTo(site).join(", ")} connected</Badge>
                  ) : (
                    <Badge>Not connected</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        {canManage(auth) && (
          <Card>
            <h2 className="mb-4 text-base font-semibold">Add a site</h2>
            <AddSiteForm />
          </Card>
        )}
      </div>
    </>
  );
}
