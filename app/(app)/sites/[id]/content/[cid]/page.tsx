import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { findContent, toContentDtos } from "@/lib/server/services/content";
import { listSiteIntegrationDtos, unschedulablePlatformNames } from "@/lib/server/services/site-integrations";
import { uuidSchema } from "@/lib/schemas/common";
import { platformName } from "@/lib/platforms/metadata";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { ContentForm } from "@/components/content/content-form";
import { ContentActions } from "@/components/content/content-actions";
import { ContentStatusBadge, SyncStateBadge } from "@/components/content/badges";
import { DestinationList } from "@/components/content/destination-list";
import { toSiteDestination } from "@/components/content/destinations";

export const metadata: Metadata = { title: "Edit content" };

export default async function ContentPage({ params }: { params: Promise<{ id: string; cid: string }> }) {
  const auth = await requirePageAuth();
  const { id, cid } = await params;
  if (!uuidSchema.safeParse(id).success || !uuidSchema.safeParse(cid).success) notFound();
  const db = await getDb();
  const [site, row] = await Promise.all([findSite(db, auth.accountId, id), findContent(db, auth.accountId, cid)]);
  if (!site || !row || row.siteId !== site.id) notFound();
  const [[item], integrations] = await Promise.all([
    toContentDtos(db, auth.accountId, [row]),
    listSiteIntegrationDtos(db, auth.accountId, id),
  ]);
  const destinations = integrations.map(toSiteDestination);
  // "Not on Ghost" for a Ghost site; the badge's own words (WordPress) when the site has several platforms or none.
  const platforms = [...new Set(destinations.map((d) => d.platform))];
  const syncPlatform = platforms.length === 1 ? platformName(platforms[0]) : undefined;
  const event = item.last_sync_event;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/sites" className="text-brand-700 underline">
          Sites
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}`} className="text-brand-700 underline">
          {site.name}
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}/content`} className="text-brand-700 underline">
          Content
        </Link>
      </nav>
      <PageHeader title={item.title} description={<span className="capitalize">{item.content_type}</span>} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <h2 className="sr-only">Edit</h2>
          <ContentForm siteId={id} item={item} unschedulable={unschedulablePlatformNames(integrations)} />
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <h2 className="mb-3 text-base font-semibold">Publishing</h2>
            <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-600">Status</dt>
              <dd>
                <ContentStatusBadge status={item.status} />
              </dd>
              <dt className="text-slate-600">{item.references.length > 1 ? "Overall" : "Sync"}</dt>
              <dd>
                <SyncStateBadge state={item.sync_state} platformName={syncPlatform} />
              </dd>
              <dt className="text-slate-600">Last synced</dt>
              <dd>
                <DateTime value={item.last_synced_at} fallback="Never" />
              </dd>
            </dl>
            <ContentActions item={item} destinations={destinations} />
          </Card>
          <Card>
            <h2 className="mb-3 text-base font-semibold">Destinations</h2>
            <DestinationList references={item.references} destinations={destinations} />
          </Card>
          <Card>
            <h2 className="mb-3 text-base font-semibold">Last sync event</h2>
            {!event ? (
              <p className="text-sm text-slate-600">None yet. Publishing or a pull records one here.</p>
            ) : event.status === "failed" ? (
              <Alert tone="error" title={`${event.event_type.replace("_", " ")} failed`}>
                <p>{event.error_message ?? "No message was recorded."}</p>
                {event.fix && <p className="mt-1">Fix: {event.fix}</p>}
                <p className="mt-1 text-xs">
                  <DateTime value={event.created_at} />
                  {event.error_code && ` · ${event.error_code}`}
                </p>
              </Alert>
            ) : (
              <p className="text-sm text-slate-800">
                <span className="capitalize">{event.event_type.replace("_", " ")}</span>{" "}
                {event.status === "success" ? "succeeded" : "is pending"} · <DateTime value={event.created_at} />
              </p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
