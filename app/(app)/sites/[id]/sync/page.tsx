import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { getIntegrationSyncDashboard, type IntegrationSyncDashboard } from "@/lib/server/services/sync-dashboard";
import { uuidSchema } from "@/lib/schemas/common";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { SyncStateBadge } from "@/components/content/badges";
import { SyncStatusPanel } from "@/components/sync/sync-status-panel";
import { SyncHealth } from "@/components/sync/sync-health";
import { ErrorLog } from "@/components/sync/error-log";
import { SyncHistory } from "@/components/sync/sync-history";
import { PluginPanel } from "@/components/webhooks/plugin-panel";
import { LiveUpdatesPanel } from "@/components/webhooks/live-updates-panel";
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
          <Card>
            <h2 className="mb-3 text-base font-semibold">
              Content sync queue{" "}
              {queue.count > 0 && <span className="text-sm font-normal text-slate-600">({queue.count} waiting)</span>}
            </h2>
            {queue.items.length === 0 ? (
              <p className="text-sm text-slate-600">
                Nothing waiting. Approved items not on {platform} yet, and published items changed since, show here.{" "}
                <Link className="text-brand-700 underline" href={`/sites/${id}/content?status=approved`}>
                  See approved content
                </Link>
                .
              </p>
            ) : (
              <ul className="flex flex-col divide-y divide-slate-100 text-sm">
                {queue.items.map((item) => (
                  <li key={item.id} className="flex items-center justify-between gap-3 py-2">
                    <Link className="text-brand-700 underline" href={`/sites/${id}/content/${item.id}`}>
                      {item.title}
                    </Link>
                    <SyncStateBadge state={item.syncState} />
                  </li>
                ))}
                {queue.count > queue.items.length && (
                  <li className="py-2">
                    <Link className="text-brand-700 underline" href={`/sites/${id}/content?status=approved`}>
                      And {queue.count - queue.items.length} more
                    </Link>
                  </li>
                )}
              </ul>
            )}
          </Card>
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
          ) : (
            <LiveUpdatesPanel
              siteId={id}
              platform={platform}
              liveUpdates={integration.liveUpdates}
              intervalMinutes={integration.syncIntervalMinutes}
            />
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

/** The site's stored Application Password or webhook signing secret cannot be decrypted: which, and the fix. */
function CredentialsAlert({
  integrationId,
  platform,
  problems,
}: {
  integrationId: string;
  platform: string;
  problems: IntegrationSyncDashboard["integration"]["credentialProblems"];
}) {
  if (problems.length === 0) {
    return (
      <Alert tone="warning" title="The stored credentials can be decrypted again">
        Test the connection under{" "}
        <Link className="underline" href={`/settings/integration#integration-${integrationId}`}>
          Integrations
        </Link>{" "}
        to clear the error.
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="IGNY8 cannot decrypt this site's stored credentials">
      {problems.map((p) => (
        <div key={p.secret} className="mt-2 first:mt-0">
          <p>
            {p.message}{" "}
            {p.secret === "application_password"
              ? "Syncs and publishing to this site fail until it is repaired."
              : `Live updates from ${platform} wait until it is repaired (the plugin retries them for a day).`}
          </p>
          {p.fix && (
            <p className="mt-1">
              <span className="font-semibold">Fix: </span>
              {p.fix}
            </p>
          )}
          {p.secret === "application_password" && (
            <p className="mt-1">
              <Link className="font-medium underline" href={`/settings/integration#integration-${integrationId}`}>
                Re-enter the Application Password under Integrations
              </Link>
            </p>
          )}
        </div>
      ))}
    </Alert>
  );
}
