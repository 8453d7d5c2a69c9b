import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { canManage } from "@/lib/server/session";
import { findWordPressIntegration } from "@/lib/server/services/integrations";
import { getPublishingSchedule, getPublishingSettingsDto } from "@/lib/server/services/publishing";
import { toSyncScheduleDto } from "@/lib/server/services/scheduled-sync";
import { uuidSchema } from "@/lib/schemas/common";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { PublishingPanel } from "@/components/publishing/publishing-panel";
import { SyncScheduleForm } from "@/components/publishing/sync-schedule-form";

export const metadata: Metadata = { title: "Publishing" };

/** Every zone the server knows, UTC first (Intl lists only region zones). */
function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

export default async function PublishingPage({ params }: { params: Promise<{ id: string }> }) {
  const auth = await requirePageAuth();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const site = await findSite(db, auth.accountId, id);
  if (!site) notFound();
  const [settings, schedule, integration] = await Promise.all([
    getPublishingSettingsDto(db, auth.accountId, id),
    getPublishingSchedule(db, auth.accountId, id, 14),
    findWordPressIntegration(db, auth.accountId, id),
  ]);
  const isEditable = canManage(auth);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/sites" className="text-brand-700 underline">
          Sites
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}`} className="text-brand-700 underline">
          {site.name}
        </Link>
      </nav>
      <PageHeader
        title="Publishing"
        description="When approved content goes out to WordPress: limits, days and time slots in the site's time zone."
        actions={
          <Link href={`/sites/${id}/sync`} className="text-sm text-brand-700 underline">
            Sync Dashboard
          </Link>
        }
      />
      <PublishingPanel
        siteId={id}
        initialSettings={settings}
        initialSchedule={schedule}
        timeZones={timeZones()}
        isEditable={isEditable}
      />
      <Card className="mt-6">
        <h2 className="mb-1 text-base font-semibold">Scheduled sync</h2>
        <p className="mb-4 text-sm text-slate-600">
          Pull changes made in WordPress on a schedule, without anyone pressing Sync.
        </p>
        {integration ? (
          <SyncScheduleForm
            integrationId={integration.id}
            initial={toSyncScheduleDto(integration)}
            isEditable={isEditable}
          />
        ) : (
          <EmptyState
            title="Not connected to WordPress"
            action={
              <Link
                href="/settings/integration"
                className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
              >
                Connect WordPress
              </Link>
            }
          >
            Connect the site first; then it can be pulled every few minutes or hours.
          </EmptyState>
        )}
      </Card>
    </>
  );
}
