import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { canManage } from "@/lib/server/session";
import { findSite, toSiteDto } from "@/lib/server/services/sites";
import { uuidSchema } from "@/lib/schemas/common";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/integrations/integration-summary";
import { listSiteIntegrationDtos } from "@/lib/server/services/site-integrations";
import { platformName } from "@/lib/platforms/metadata";
import { EditSiteForm } from "@/components/sites/edit-site-form";

export const metadata: Metadata = { title: "Site" };

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const auth = await requirePageAuth();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const row = await findSite(db, auth.accountId, id);
  if (!row) notFound();
  const site = toSiteDto(row);
  const integrations = await listSiteIntegrationDtos(db, auth.accountId, id);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/sites" className="text-brand-700 underline">
          Sites
        </Link>
      </nav>
      <PageHeader title={site.name} description={site.url} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-base font-semibold">Platforms</h2>
          {integrations.length ? (
            <ul className="flex flex-col gap-2 text-sm text-slate-700" aria-label="Connected platforms">
              {integrations.map((i) => (
                <li key={i.id}>
                  <StatusBadge status={i.connection_status} /> {platformName(i.platform)} at{" "}
                  <span className="break-all">{i.external_site_url}</span>
                  {i.platform === "wordpress" && site.has_wp_api_key && (
                    <>
                      {" "}
                      as <strong>{site.wp_username}</strong> with an Application Password ending in …
                      {site.wp_api_key_last4}
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : site.has_wp_api_key ? (
            <p className="text-sm text-slate-700">
              <Badge tone="green">Connected</Badge> as <strong>{site.wp_username}</strong> with an Application Password
              ending in …{site.wp_api_key_last4}.
            </p>
          ) : (
            <p className="text-sm text-slate-700">
              Not connected yet. Connect it under{" "}
              <Link className="text-brand-700 underline" href="/settings/integration">
                Integrations
              </Link>
              .
            </p>
          )}
          <p className="mt-4 flex flex-wrap gap-4 text-sm">
            <Link className="text-brand-700 underline" href={`/sites/${site.id}/content`}>
              Content
            </Link>
            <Link className="text-brand-700 underline" href={`/sites/${site.id}/sync`}>
              Open the Sync Dashboard
            </Link>
            <Link className="text-brand-700 underline" href={`/sites/${site.id}/publishing`}>
              Publishing schedule
            </Link>
          </p>
        </Card>
        {canManage(auth) && (
          <Card>
            <h2 className="mb-4 text-base font-semibold">Settings</h2>
            <EditSiteForm site={site} />
          </Card>
        )}
      </div>
    </>
  );
}
