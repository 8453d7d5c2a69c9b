"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api-client";
import type { ContentDto } from "@/lib/schemas/content";
import { bulkContent } from "@/lib/queries/content";
import { startSync } from "@/lib/queries/sync";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/card";
import { ContentStatusBadge, SyncStateBadge } from "./badges";

export type ContentRow = Pick<
  ContentDto,
  "id" | "title" | "status" | "content_type" | "sync_state" | "wordpress_url" | "updated_at"
>;

/** The content list with row selection and bulk approve / publish to WordPress. */
export function ContentTable({
  siteId,
  rows,
  integrationId,
}: {
  siteId: string;
  rows: ContentRow[];
  integrationId: string | null;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const ids = [...selected];
  const approve = useMutation({
    mutationFn: () => bulkContent("approve", ids),
    onSuccess: () => {
      setSelected(new Set());
      router.refresh();
    },
  });
  const publish = useMutation({ mutationFn: () => startSync(integrationId!, { direction: "push", content_ids: ids }) });
  const isAll = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const error = approve.error ?? publish.error;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Bulk actions">
        <span className="text-sm text-slate-700" aria-live="polite">
          {selected.size ? `${selected.size} selected` : "Select items for bulk actions"}
        </span>
        <Button
          variant="secondary"
          disabled={!selected.size}
          isLoading={approve.isPending}
          onClick={() => approve.mutate()}
        >
          Approve
        </Button>
        <Button
          disabled={!selected.size || !integrationId}
          isLoading={publish.isPending}
          onClick={() => publish.mutate()}
        >
          Publish to WordPress
        </Button>
        {!integrationId && (
          <span className="text-xs text-slate-600">
            Publishing needs a WordPress connection:{" "}
            <Link className="text-brand-700 underline" href="/settings/integration">
              connect this site
            </Link>
            .
          </span>
        )}
      </div>
      {error && (
        <Alert tone="error" title="That did not work">
          <p>{error.message}</p>
          {error instanceof ApiClientError && error.fix && <p className="mt-1">Fix: {error.fix}</p>}
        </Alert>
      )}
      {approve.isSuccess && (
        <Alert tone="success">
          Approved {approve.data.done.length}.
          {approve.data.skipped.length ? ` Skipped ${approve.data.skipped.length} (already published).` : ""}
        </Alert>
      )}
      {publish.isSuccess && (
        <Alert tone="success">
          {publish.data.already_running
            ? "A sync is already running; these items join the queue."
            : `Publishing ${ids.length || "the selected"} item(s).`}{" "}
          <Link className="underline" href={`/sites/${siteId}/sync`}>
            Follow it on the Sync Dashboard
          </Link>
          .
        </Alert>
      )}
      {rows.length === 0 ? (
        <EmptyState title="Nothing matches these filters">Try another status or type, or clear the filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Content of this site</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="w-10 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={isAll}
                    onChange={() => setSelected(isAll ? new Set() : new Set(rows.map((r) => r.id)))}
                    className="size-4"
                  />
                </th>
                <th scope="col" className="px-3 py-2">
                  Title
                </th>
                <th scope="col" className="px-3 py-2">
                  Type
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  WordPress
                </th>
                <th scope="col" className="px-3 py-2">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.title}`}
                      checked={selected.has(row.id)}
                      onChange={() => toggle(row.id)}
                      className="size-4"
                    />
                  </td>
                  <td className="px-3 py-2 font-medium">
                    <Link className="text-brand-700 underline" href={`/sites/${siteId}/content/${row.id}`}>
                      {row.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2 capitalize text-slate-700">{row.content_type}</td>
                  <td className="px-3 py-2">
                    <ContentStatusBadge status={row.status} />
                  </td>
                  <td className="px-3 py-2">
                    <SyncStateBadge state={row.sync_state} />
                    {row.wordpress_url && (
                      <a
                        className="ml-2 text-xs text-brand-700 underline"
                        href={row.wordpress_url}
                        target="_blank"
                        rel="noreferrer"
                      >
                        View<span className="sr-only"> {row.title} on WordPress</span>
                      </a>
                    )}
                  </td>
                  <td className="px-3 py-2 text-slate-700">
                    <DateTime value={row.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
