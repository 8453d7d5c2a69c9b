import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { getConflictDetail, getSiteConflictsPage } from "@/lib/server/services/conflicts";
import { ApiError } from "@/lib/server/api/errors";
import { uuidSchema } from "@/lib/schemas/common";
import { listConflictsQuerySchema, type ConflictField } from "@/lib/schemas/conflicts";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { BodyDiff } from "@/components/conflicts/body-diff";
import { ConflictResolver } from "@/components/conflicts/conflict-resolver";
import { SyncTabs } from "@/components/conflicts/sync-tabs";

export const metadata: Metadata = { title: "Conflict" };

const LABELS: Record<ConflictField, string> = {
  title: "Title",
  excerpt: "Excerpt",
  slug: "Slug",
  content: "Body",
  categories: "Categories",
  tags: "Tags",
  featured_image_url: "Featured image",
};
const CHANGED = {
  igny8: { tone: "blue", text: "Changed in IGNY8" },
  wordpress: { tone: "blue", text: "Changed in the platform" },
  both: { tone: "amber", text: "Changed in both" },
  none: { tone: "slate", text: "Same on both sides" },
} as const;

function Value({ field, value }: { field: ConflictField; value: unknown }) {
  if (field === "featured_image_url") {
    if (!value) return <span className="text-slate-600">(no image)</span>;
    return (
      <span className="flex flex-col gap-1">
        {/* eslint-disable-next-line @next/next/no-img-element -- a remote image of the user's site */}
        <img
          src={String(value)}
          alt="Featured image"
          className="max-h-32 w-auto rounded border border-slate-200 object-contain"
        />
        <span className="break-all text-xs text-slate-700">{String(value)}</span>
      </span>
    );
  }
  if (Array.isArray(value))
    return value.length ? <span>{value.join(", ")}</span> : <span className="text-slate-600">(none)</span>;
  const text = String(value ?? "");
  return text ? (
    <span className="whitespace-pre-wrap break-words">{text}</span>
  ) : (
    <span className="text-slate-600">(empty)</span>
  );
}

export default async function ConflictPage({ params }: { params: Promise<{ id: string; cid: string }> }) {
  const auth = await requirePageAuth();
  const { id, cid } = await params;
  if (!uuidSchema.safeParse(id).success || !uuidSchema.safeParse(cid).success) notFound();
  const db = await getDb();
  const site = await findSite(db, auth.accountId, id);
  if (!site) notFound();
  const detail = await getConflictDetail(db, auth.accountId, cid).catch((error) => {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  });
  const list = await getSiteConflictsPage(
    db,
    auth.accountId,
    id,
    listConflictsQuerySchema.parse({ status: "open", page_size: 1 }),
  );
  if (!detail || !list || detail.integration_id !== list.integrationId) notFound();

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/sites/${id}/sync`} className="text-brand-700 underline">
          Sync
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}/sync/conflicts`} className="text-brand-700 underline">
          Conflicts
        </Link>
      </nav>
      <PageHeader
        title={`Conflict: ${detail.content_title || "(untitled)"}`}
        description={
          <>
            Found by {detail.detected_by.replace("push:", "push, ")} on <DateTime value={detail.created_at} />. IGNY8
            last edited <DateTime value={detail.igny8.updated_at} />; {list.platform} last modified{" "}
            <DateTime value={detail.wordpress.modified_gmt ? `${detail.wordpress.modified_gmt}Z` : null} />.
          </>
        }
      />
      <SyncTabs siteId={id} active="conflicts" openConflicts={list.openCount} />
      {detail.exact_detection === false && (
        <div className="mb-4">
          {list.platform === "WordPress" ? (
            <Alert tone="info" title="Detection without the IGNY8 plugin">
              This site has no IGNY8 plugin, so IGNY8 checks WordPress&apos;s copy just before writing. An edit made in
              that instant could still be overwritten: install the IGNY8 Connector plugin (Integrations → Plugin) and
              WordPress itself refuses stale updates, which makes detection exact.
            </Alert>
          ) : (
            <Alert tone="info" title={`How ${list.platform} edits are detected`}>
              {list.platform} cannot refuse a stale update, so IGNY8 checks its copy just before writing. An edit made
              in that instant could still be overwritten.
            </Alert>
          )}
        </div>
      )}
      {detail.status === "resolved" && (
        <div className="mb-4">
          <Alert tone="success" title="Resolved">
            Kept: {detail.resolution}
            {detail.resolved_at && (
              <>
                {" "}
                on <DateTime value={detail.resolved_at} />
              </>
            )}
            . Both versions stay below for reference.
          </Alert>
        </div>
      )}
      <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
        <Card>
          <h2 className="mb-1 text-base font-semibold">Side by side</h2>
          <p className="mb-4 text-sm text-slate-600">
            {detail.base.fields
              ? "Each field compared with the version both sides last agreed on."
              : "The version both sides last agreed on was not kept for this item; fields that differ show as changed in both."}
          </p>
          <div className="flex flex-col divide-y divide-slate-100">
            {detail.fields.map((f) => (
              <section
                key={f.field}
                aria-labelledby={`field-${f.field}`}
                className="py-3"
                data-testid={`field-${f.field}`}
              >
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <h3 id={`field-${f.field}`} className="text-sm font-semibold text-slate-900">
                    {LABELS[f.field]}
                  </h3>
                  <Badge tone={CHANGED[f.changed_in].tone}>
                    {f.changed_in === "wordpress" ? `Changed in ${list.platform}` : CHANGED[f.changed_in].text}
                  </Badge>
                </div>
                {f.field === "content" && f.changed_in !== "none" ? (
                  <BodyDiff igny8={String(f.igny8)} wordpress={String(f.wordpress)} platform={list.platform} />
                ) : (
                  <div className="grid gap-3 text-sm md:grid-cols-2">
                    <div>
                      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600">IGNY8</p>
                      <Value field={f.field} value={f.igny8} />
                    </div>
                    <div>
                      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600">{list.platform}</p>
                      <Value field={f.field} value={f.wordpress} />
                    </div>
                  </div>
                )}
                {detail.base.fields && f.changed_in !== "none" && f.field !== "content" && (
                  <p className="mt-2 text-xs text-slate-600">
                    Before: <Value field={f.field} value={f.base} />
                  </p>
                )}
              </section>
            ))}
          </div>
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold">Resolve</h2>
          {detail.status === "open" ? (
            <ConflictResolver detail={detail} platform={list.platform} />
          ) : (
            <p className="text-sm text-slate-600">Nothing to do: this item is back in normal sync.</p>
          )}
        </Card>
      </div>
    </>
  );
}
