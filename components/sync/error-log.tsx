"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Page } from "@/lib/schemas/common";
import { useContentTitles } from "@/lib/queries/content";
import {
  fixOf,
  isRetried,
  retrySyncEvent,
  syncEventsQuery,
  syncKeys,
  type PublishResult,
  type SyncEventDto,
} from "@/lib/queries/sync";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { ApiErrorAlert, directionLabel, eventTypeLabel } from "./error-text";

const filters = { status: "failed", page_size: 10 };

/** Failed sync events with what went wrong, how to fix it, and a Retry button. */
export function ErrorLog({
  integrationId,
  siteId,
  initial,
  titles,
  platform = "WordPress",
}: {
  integrationId: string;
  siteId: string;
  initial: Page<SyncEventDto>;
  titles: Record<string, string>;
  /** The integration's platform name ("Ghost"), for "Ghost #123" and "on Ghost now". */
  platform?: string;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const events = useQuery({ ...syncEventsQuery(integrationId, filters), initialData: initial });
  const known = useContentTitles(
    events.data.results.map((e) => e.content_id),
    titles,
  );
  const [results, setResults] = useState<Record<string, PublishResult>>({});
  const retry = useMutation({
    mutationFn: (eventId: string) => retrySyncEvent(integrationId, eventId),
    onSuccess: (result, eventId) => setResults((r) => ({ ...r, [eventId]: result })),
    onSettled: () => {
      // The retry pushed the item in this request: the queue and counts on the page changed too.
      router.refresh();
      return queryClient.invalidateQueries({ queryKey: syncKeys.all(integrationId) });
    },
  });

  return (
    <section aria-labelledby="errors-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="errors-heading" className="mb-3 text-base font-semibold">
        Error log{" "}
        {events.data.count > 0 && (
          <span className="text-sm font-normal text-slate-600">({events.data.count} failed)</span>
        )}
      </h2>
      {events.isError && <ApiErrorAlert error={events.error} title="Could not refresh the error log" />}
      {retry.isError && <ApiErrorAlert error={retry.error} title="Retry did not start" />}
      {events.data.results.length === 0 ? (
        <p className="text-sm text-slate-600">
          No failures. Items that fail to sync show here with the reason and a fix.
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100">
          {events.data.results.map((event) => {
            const fix = fixOf(event);
            const title = event.content_title ?? (event.content_id ? known[event.content_id] : undefined);
            const result = results[event.id];
            return (
              <li key={event.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0 flex-1 text-sm">
                  <p className="font-medium text-slate-900">
                    {eventTypeLabel(event.event_type)} · {directionLabel(event.direction, platform)}
                    {event.content_id && (
                      <>
                        {" · "}
                        <Link
                          className="text-brand-700 underline"
                          href={`/sites/${siteId}/content/${event.content_id}`}
                        >
                          {title || "the item"}
                        </Link>
                      </>
                    )}
                    {!event.content_id && event.external_id ? ` · ${platform} #${event.external_id}` : ""}
                  </p>
                  <p className="mt-1 text-red-800">
                    {event.error_message ?? "No message was recorded."}
                    {event.error_code && (
                      <span className="ml-1 font-mono text-xs text-slate-600">({event.error_code})</span>
                    )}
                  </p>
                  {fix && <p className="mt-1 text-slate-800">Fix: {fix}</p>}
                  <p className="mt-1 text-xs text-slate-600">
                    <DateTime value={event.created_at} />
                  </p>
                </div>
                {result ? (
                  <RetryOutcome result={result} platform={platform} />
                ) : isRetried(event) ? (
                  <span className="text-sm text-slate-600">Retried</span>
                ) : (
                  <Button
                    variant="secondary"
                    isLoading={retry.isPending && retry.variables === event.id}
                    disabled={retry.isPending}
                    aria-label={`Retry ${eventTypeLabel(event.event_type).toLowerCase()}${title ? ` of ${title}` : ""}`}
                    onClick={() => retry.mutate(event.id)}
                  >
                    Retry
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function RetryOutcome({ result, platform }: { result: PublishResult; platform: string }) {
  if (result.event.status === "failed") {
    return (
      <div className="max-w-xs">
        <Alert tone="error" title="Failed again">
          <p>{result.event.error_message}</p>
          {result.event.fix && <p className="mt-1">Fix: {result.event.fix}</p>}
        </Alert>
      </div>
    );
  }
  return (
    <Alert tone="success">
      Retried: on {platform} now
      {result.wordpress_url && (
        <>
          {" "}
          (
          <a className="underline" href={result.wordpress_url} target="_blank" rel="noreferrer">
            view
          </a>
          )
        </>
      )}
      .
    </Alert>
  );
}
