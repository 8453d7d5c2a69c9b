"use client";

import Link from "next/link";
import { useState } from "react";
import type { ContentDto } from "@/lib/schemas/content";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/card";
import { ContentStatusBadge } from "./badges";
import { BulkActions } from "./bulk-actions";
import { DestinationBadges, type SiteDestination } from "./destinations";

export type ContentRow = Pick<ContentDto, "id" | "title" | "status" | "content_type" | "references" | "updated_at">;

/** The content list with row selection, bulk approve / publish, and where each item is published. */
export function ContentTable({
  siteId,
  rows,
  destinations,
}: {
  siteId: string;
  rows: ContentRow[];
  destinations: SiteDestination[];
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const isAll = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-3">
      <BulkActions
        siteId={siteId}
        ids={[...selected]}
        destinations={destinations}
        onApproved={() => setSelected(new Set())}
      />
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
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Type
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Destinations
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 last:border-0 *:align-top">
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
                    {/* Narrow screens: type and destinations under the title rather than in columns off-screen. */}
                    <p className="mt-0.5 text-xs font-normal capitalize text-slate-600 sm:hidden">{row.content_type}</p>
                    <div className="mt-1.5 font-normal md:hidden">
                      <DestinationBadges title={row.title} references={row.references} destinations={destinations} />
                    </div>
                  </td>
                  <td className="hidden px-3 py-2 capitalize text-slate-700 sm:table-cell">{row.content_type}</td>
                  <td className="px-3 py-2">
                    <ContentStatusBadge status={row.status} />
                  </td>
                  <td className="hidden min-w-48 px-3 py-2 md:table-cell">
                    <DestinationBadges title={row.title} references={row.references} destinations={destinations} />
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-700 md:table-cell">
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
