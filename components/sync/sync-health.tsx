"use client";

import { useQuery } from "@tanstack/react-query";
import { syncHealthQuery, type SyncHealthDto } from "@/lib/queries/sync";
import { DateTime } from "@/components/ui/date-time";
import { EventsChart } from "./events-chart";

/** The health numbers (live) and the events-per-day chart. */
export function SyncHealth({
  integrationId,
  initial,
  perDay,
}: {
  integrationId: string;
  initial: SyncHealthDto;
  perDay: { day: string; success: number; failed: number }[];
}) {
  const health = useQuery({ ...syncHealthQuery(integrationId), initialData: initial }).data;
  const numbers = [
    { label: "Synced items", value: health.total_synced },
    { label: "Pending items", value: health.pending_count },
    { label: "Failed items", value: health.failed_count, isBad: health.failed_count > 0 },
    { label: "Open conflicts", value: health.open_conflicts ?? 0, isBad: (health.open_conflicts ?? 0) > 0 },
  ];
  return (
    <section aria-labelledby="health-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="health-heading" className="mb-3 text-base font-semibold">
        Sync health
      </h2>
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {numbers.map((n) => (
          <div key={n.label} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-600">{n.label}</dt>
            <dd className={`text-xl font-semibold ${n.isBad ? "text-red-700" : "text-slate-900"}`}>{n.value}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-4 text-sm text-slate-700">
        Last successful sync: <DateTime value={health.last_successful_sync_at} fallback="none yet" />
      </p>
      <EventsChart days={perDay} />
    </section>
  );
}
