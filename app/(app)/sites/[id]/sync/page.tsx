import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { getIntegrationSyncDashboard } from "@/lib/server/services/sync-dashboard";
import { uuidSchema } from "@/lib/schemas/common";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { SyncQueueCard } from "@/components/sync/sync-queue-card";
import { CredentialsAlert } from "@/components/sync/credentials-alert";
import { SyncStatusPanel } from "@/components/sync/sync-status-panel";
import { SyncHealth } from "@/components/sync/sync-health";
import { ErrorLog } from "@/components/sync/error-log";
import { SyncHistory } from "@/components/sync/sync-history";
import { PluginPanel } from "@/components/webhooks/plugin-panel";
import { LiveUpdatesPanel } from "@/components/webhooks/live-updates-panel";
import { PlatformWebhooksPanel } from "@/components/webhooks/platform-webhooks-panel";
import { IntegrationSwitcher } from "@/components/sync/integration-switcher";
import { canManage } from "@/lib/server/session";
import { SyncTabs } from "@/components/conflicts/sync-tabs";

export const metadata: Metadata = { title: "Sync Dashboard" };

export default async function SyncDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ integration?: string | string[] }>;
}) {
  const auth = await requirePageAuth();
  const { id } = await params;
  const { integration: wanted } = await searchParams;
  if (!uuidSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const site = await findSite(db, auth.accountId, id);
  if (!site) notFound();
  const chosenId = typeof wanted === "string" && uuidSchema.safeParse(wanted).success ? wanted : undefined;
  const dashboard = await getIntegrationSyncDashboard(db, auth.accountId, id, chosenId);

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href="/sites" className="text-brand-700 underline">
        Sites
      </Link>{" "}
      /{" "}
      <Link href={`/sites/${id}`} className="text-brand-700 underline">
        {site.name}
      </Link>
    </nav>
  );

  if (!dashboard) {
    return (
      <>
        {breadcrumb}
        <PageHeader title="Sync Dashboard" description={site.name} />
        <EmptyState
          title="This site is not connected yet"
          action={
            <Link
              href="/settings/integration"
              className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Connect a platform
            </Link>
          }
        >
          Connect it to WordPress, Ghost, Shopify or Webflow under Integrations. Then pull its posts and pages, and push
          approved content from here.
        </EmptyState>
      </>
    );
  }

  const { integration, queue } = dashboard;
  const platform = integration.platformName;
  return (
    <>
      {breadcrumb}
      <PageHeader
        title="Sync Dashboard"
        description={
          <>
            {site.name} ⇄{" "}
            <a className="text-brand-700 underline" href={integration.url} target="_blank" rel="noreferrer">
              {integration.url}
            </a>
          </>
        }
        actions={
          <Link
            href={`/sites/${id}/content`}
            className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Content
          </Link>
        }
      />
      <SyncTabs siteId={id} active="dashboard" openConflicts={dashboard.health.open_conflicts} />
      {dashboard.others.length > 1 && (
        <IntegrationSwitcher siteId={id} current={integration.id} integrations={dashboard.others} />
      )}
      {!integration.isActive && (
        <div className="mb-4">
          <Alert tone="warning" title="Sync is switched off for this site">
            Turn it on again under{" "}
            <Link className="underline" href="/settings/integration">
              Integrations
            </Link>{" "}
            to sync.
          </Alert>
        </div>
      )}
      {dashboard.seoNotice && (
        <div className="mb-4">
          <Alert tone="info" title={`SEO fields were not sent to ${platform}`}>
            {dashboard.seoNotice} The plugin panel below has the download and the steps.
          </Alert>
        </div>
      )}
      {integration.connectionStatus === "error" && integration.connectionErrorCode === "credentials_unreadable" && (
        <div className="mb-4">
          <CredentialsAlert
            integrationId={integration.id}
            platform={platform}
            problems={integration.credentialProblems}
          />
        </div>
      )}
      {integration.connectionStatus === "error" && integration.connectionErrorCode !== "credentials_unreadable" && (
        <div className="mb-4">
          <Alert tone="error" title={`${platform} refused the last connection`}>
            Test the connection under{" "}
            <Link className="underline" href="/settings/integration">
              Integrations
            </Link>{" "}
            to see why and how to fix it.
          </Alert>
        </div>
      )}
      <div className="flex flex-col gap-6">
        <SyncStatusPanel
          siteId={id}
          integrationId={integration.id}
          initialStatus={dashboard.status}
          pendingCount={queue.count}
          platform={platform}
        />
        <div className="grid gap-6 lg:grid-cols-2">
          <SyncHealth integrationId={integration.id} initial={dashboard.health} perDay={dashboard.perDay} />
          <SyncQueueCard siteId={id} queue={queue} platform={platform} />
        </div>
        <ErrorLog
          integrationId={integration.id}
          siteId={id}
          initial={dashboard.errors}
          titles={dashboard.titles}
          platform={platform}
        />
        <div className="grid gap-6 lg:grid-cols-2">
          {integration.liveUpdates === "plugin" ? (
            <PluginPanel integrationId={integration.id} canManage={canManage(auth)} />
          ) : integration.liveUpdates === "webhooks" ? (
            <PlatformWebhooksPanel
              integrationId={integration.id}
              siteId={id}
              platform={platform}
              intervalMinutes={integration.syncIntervalMinutes}
              canManage={canManage(auth)}
            />
          ) : (
            <LiveUpdatesPanel siteId={id} platform={platform} intervalMinutes={integration.syncIntervalMinutes} />
          )}
          <Card>
            <h2 className="text-base font-semibold">Publishing schedule</h2>
            <p className="mt-1 text-sm text-slate-600">
              Daily, weekly and monthly limits, publishing days and time slots, auto-approval, and the next
              publications.
            </p>
            <Link
              className="mt-3 inline-block text-sm font-medium text-brand-700 underline"
              href={`/sites/${id}/publishing`}
            >
              Open publishing settings
            </Link>
          </Card>
        </div>
        <SyncHistory
          integrationId={integration.id}
          initialRuns={dashboard.runs}
          initialEvents={dashboard.events}
          titles={dashboard.titles}
          platform={platform}
        />
      </div>
    </>
  );
}
