"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Page } from "@/lib/schemas/common";
import { useContentTitles } from "@/lib/queries/content";
import { syncEventsQuery, syncRunsQuery, type SyncEventDto, type SyncRunDto } from "@/lib/queries/sync";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { SelectField } from "@/components/ui/select";
import { ApiErrorAlert, directionLabel, eventTypeLabel } from "./error-text";
import { EventItem } from "./event-item";

const PAGE_SIZE = 20;
const statusTone = {
  success: "green",
  failed: "red",
  pending: "amber",
  completed: "green",
  running: "blue",
  queued: "slate",
} as const;

function StatusBadge({ status }: { status: string | undefined }) {
  return <Badge tone={statusTone[status as keyof typeof statusTone] ?? "slate"}>{status ?? "unknown"}</Badge>;
}

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top";

/** Past runs, and every sync event filterable by status, direction and type. */
export function SyncHistory({
  integrationId,
  initialRuns,
  initialEvents,
  titles,
  platform = "WordPress",
}: {
  integrationId: string;
  initialRuns: Page<SyncRunDto>;
  initialEvents: Page<SyncEventDto>;
  titles: Record<string, string>;
  /** The integration's platform name, for directions and remote ids. */
  platform?: string;
}) {
  const [filters, setFilters] = useState({ status: "", direction: "", event_type: "" });
  const [page, setPage] = useState(1);
  const isDefault = page === 1 && !filters.status && !filters.direction && !filters.event_type;
  const runs = useQuery({ ...syncRunsQuery(integrationId), initialData: initialRuns });
  const events = useQuery({
    ...syncEventsQuery(integrationId, { ...filters, page, page_size: PAGE_SIZE }),
    initialData: isDefault ? initialEvents : undefined,
    placeholderData: keepPreviousData,
  });
  const known = useContentTitles(
    (events.data?.results ?? []).map((e) => e.content_id),
    titles,
  );
  const setFilter = (key: keyof typeof filters) => (e: { target: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: e.target.value }));
    setPage(1);
  };
  const lastPage = Math.max(1, Math.ceil((events.data?.count ?? 0) / PAGE_SIZE));

  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="history-heading" className="mb-3 text-base font-semibold">
        History
      </h2>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">Runs</h3>
      {runs.isError && <ApiErrorAlert error={runs.error} title="Could not refresh the runs" />}
      {runs.data.results.length === 0 ? (
        <p className="mb-6 text-sm text-slate-600">No runs yet.</p>
      ) : (
        <div className="mb-6 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Recent sync runs</caption>
            <thead className="border-b border-slate-200">
              <tr>
                <th scope="col" className={th}>
                  Started
                </th>
                <th scope="col" className={th}>
                  Direction
                </th>
                <th scope="col" className={th}>
                  Result
                </th>
                <th scope="col" className={th}>
                  Processed
                </th>
                <th scope="col" className={th}>
                  Error
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.data.results.map((run) => (
                <tr key={run.id} className="border-b border-slate-100 last:border-0">
                  <td className={td}>
                    <DateTime value={run.started_at ?? run.created_at ?? null} fallback="queued" />
                  </td>
                  <td className={td}>
                    {directionLabel(run.direction, platform)}
                    {run.is_full ? " (full)" : ""}
                  </td>
                  <td className={td}>
                    <StatusBadge status={run.status} />
                  </td>
                  <td className={td}>
                    {run.processed}
                    {run.total !== null ? ` / ${run.total}` : ""}
                    {run.failed ? ` (${run.failed} failed)` : ""}
                    {run.deferred ? ` (${run.deferred} waiting for a publishing slot)` : ""}
                  </td>
                  <td className={`${td} text-red-800`}>{run.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="mb-2 text-sm font-semibold text-slate-800">Events</h3>
      <div className="mb-3 grid gap-3 sm:grid-cols-3" role="group" aria-label="Filter events">
        <SelectField
          id="events-status"
          label="Status"
          value={filters.status}
          onChange={setFilter("status")}
          options={[
            { value: "", label: "Any status" },
            { value: "success", label: "Succeeded" },
            { value: "failed", label: "Failed" },
            { value: "pending", label: "Pending" },
          ]}
        />
        <SelectField
          id="events-direction"
          label="Direction"
          value={filters.direction}
          onChange={setFilter("direction")}
          options={[
            { value: "", label: "Both directions" },
            { value: "igny8_to_wp", label: `IGNY8 → ${platform}` },
            { value: "wp_to_igny8", label: `${platform} → IGNY8` },
          ]}
        />
        <SelectField
          id="events-type"
          label="Type"
          value={filters.event_type}
          onChange={setFilter("event_type")}
          options={[
            { value: "", label: "Any type" },
            { value: "content_push", label: "Content push" },
            { value: "content_pull", label: "Content pull" },
            { value: "taxonomy_sync", label: "Taxonomy sync" },
            { value: "webhook", label: "Webhook" },
            { value: "conflict", label: "Conflict" },
          ]}
        />
      </div>
      {events.isError && <ApiErrorAlert error={events.error} title="Could not load these events" />}
      {events.isPending && (
        <p role="status" className="text-sm text-slate-600">
          Loading events…
        </p>
      )}
      {events.data && events.data.results.length === 0 && (
        <p className="text-sm text-slate-600">{isDefault ? "No events yet." : "No events match these filters."}</p>
      )}
      {events.data && events.data.results.length > 0 && (
        <div className="overflow-x-auto" aria-busy={events.isFetching || undefined}>
          <table className="w-full text-sm">
            <caption className="sr-only">Sync events</caption>
            <thead className="border-b border-slate-200">
              <tr>
                <th scope="col" className={th}>
                  When
                </th>
                <th scope="col" className={th}>
                  Type
                </th>
                <th scope="col" className={th}>
                  Direction
                </th>
                <th scope="col" className={th}>
                  Item
                </th>
                <th scope="col" className={th}>
                  Result
                </th>
              </tr>
            </thead>
            <tbody>
              {events.data.results.map((event) => (
                <tr key={event.id} className="border-b border-slate-100 last:border-0">
                  <td className={td}>
                    <DateTime value={event.created_at} />
                  </td>
                  <td className={td}>{eventTypeLabel(event.event_type)}</td>
                  <td className={td}>{directionLabel(event.direction, platform)}</td>
                  <td className={td}>
                    <EventItem
                      event={event}
                      knownTitle={event.content_id ? known[event.content_id] : null}
                      platform={platform}
                    />
                  </td>
                  <td className={td}>
                    <StatusBadge status={event.status} />
                    {event.error_message && <span className="ml-2 text-red-800">{event.error_message}</span>}
                    {typeof event.metadata?.note === "string" && (
                      <span className="ml-2 text-slate-700">{event.metadata.note}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {lastPage > 1 && (
        <nav aria-label="Event pages" className="mt-3 flex items-center justify-between text-sm">
          <Button variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            ← Previous
          </Button>
          <span className="text-slate-700">
            Page {page} of {lastPage}
          </span>
          <Button variant="secondary" disabled={page >= lastPage} onClick={() => setPage((p) => p + 1)}>
            Next →
          </Button>
        </nav>
      )}
    </section>
  );
}
