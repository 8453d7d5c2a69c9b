import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { getSiteConflictsPage } from "@/lib/server/services/conflicts";
import { uuidSchema } from "@/lib/schemas/common";
import { listConflictsQuerySchema } from "@/lib/schemas/conflicts";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Pagination } from "@/components/ui/pagination";
import { PolicyForm } from "@/components/conflicts/policy-form";
import { SyncTabs } from "@/components/conflicts/sync-tabs";

export const metadata: Metadata = { title: "Conflicts" };

const DETECTED: Record<string, string> = {
  "push:plugin": "push (refused by the plugin)",
  "push:check": "push (checked before writing)",
  pull: "pull",
  webhook: "webhook",
};

export default async function ConflictsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const auth = await requirePageAuth();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const site = await findSite(db, auth.accountId, id);
  if (!site) notFound();
  const raw = await searchParams;
  const status = raw.status === "resolved" ? "resolved" : "open";
  const query = listConflictsQuerySchema.safeParse({ status, page: raw.page, page_size: 20 });
  const data = await getSiteConflictsPage(
    db,
    auth.accountId,
    id,
    query.success ? query.data : listConflictsQuerySchema.parse({ status, page_size: 20 }),
  );

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href="/sites" className="text-brand-700 underline">
        Sites
      </Link>{" "}
      /{" "}
      <Link href={`/sites/${id}`} className="text-brand-700 underline">
        {site.name}
      </Link>{" "}
      /{" "}
      <Link href={`/sites/${id}/sync`} className="text-brand-700 underline">
        Sync
      </Link>
    </nav>
  );
  if (!data) {
    return (
      <>
        {breadcrumb}
        <PageHeader title="Conflicts" description={site.name} />
        <EmptyState title="This site is not connected to a platform yet">
          Connect it under{" "}
          <Link className="text-brand-700 underline" href="/settings/integration">
            Integrations
          </Link>
          ; conflicts show here when an item was edited in IGNY8 and on the site&apos;s platform since the last sync.
        </EmptyState>
      </>
    );
  }
  const canEdit = auth.role === "owner" || auth.role === "admin";
  const filter = (value: "open" | "resolved", label: string) => (
    <Link
      href={`?status=${value}`}
      aria-current={status === value ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ${status === value ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      {breadcrumb}
      <PageHeader
        title="Conflicts"
        description={`${site.name}: items edited in IGNY8 and in ${data.platform} since they last agreed.`}
      />
      <SyncTabs siteId={id} active="conflicts" openConflicts={data.openCount} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <div className="mb-4 flex items-center justify-between gap-3">
            <h2 className="text-base font-semibold">{status === "open" ? "Open conflicts" : "Resolved conflicts"}</h2>
            <div className="flex gap-2">
              {filter("open", `Open (${data.openCount})`)}
              {filter("resolved", "Resolved")}
            </div>
          </div>
          {data.results.length === 0 ? (
            <p className="text-sm text-slate-600">
              {status === "open"
                ? "No open conflicts. When an item changes in both places between syncs, nothing is overwritten: it shows here for you to choose."
                : "Nothing resolved yet."}
            </p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-2 font-medium">
                    Item
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Found by
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    When
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    State
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.results.map((c) => (
                  <tr key={c.id}>
                    <td className="py-2">
                      <Link className="text-brand-700 underline" href={`/sites/${id}/sync/conflicts/${c.id}`}>
                        {c.content_title || "(untitled)"}
                      </Link>
                    </td>
                    <td className="py-2 text-slate-700">{DETECTED[c.detected_by] ?? c.detected_by}</td>
                    <td className="py-2 text-slate-700">
                      <DateTime value={c.created_at} />
                    </td>
                    <td className="py-2">
                      {c.status === "open" ? (
                        <Badge tone="amber">Needs a choice</Badge>
                      ) : (
                        <Badge tone="green">Resolved: {c.resolution}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination
            page={query.success ? query.data.page : 1}
            pageSize={20}
            count={data.count}
            hrefFor={(p) => `?status=${status}&page=${p}`}
            label="Conflict pages"
          />
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold">Policy</h2>
          <PolicyForm
            integrationId={data.integrationId}
            initial={data.policy}
            canEdit={canEdit}
            platform={data.platform}
          />
        </Card>
      </div>
    </>
  );
}
