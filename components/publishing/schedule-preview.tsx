"use client";

import Link from "next/link";
import type { PlannedPublicationDto, PublishingSettingsDto } from "@/lib/schemas/publishing";
import { Alert } from "@/components/ui/alert";

/** "Mon 12 Jan, 09:00" in the site's zone (a fixed locale, so server and browser render the same). */
function formatInZone(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

export function SchedulePreview({
  siteId,
  settings,
  items,
  isRefreshing,
  error,
  days,
}: {
  siteId: string;
  settings: PublishingSettingsDto;
  items: PlannedPublicationDto[];
  isRefreshing: boolean;
  error: Error | null;
  days: number;
}) {
  return (
    <section aria-labelledby="preview-heading" aria-busy={isRefreshing || undefined}>
      <div className="mb-1 flex items-center justify-between gap-3">
        <h2 id="preview-heading" className="text-base font-semibold">
          Next publications
        </h2>
        <span role="status" aria-live="polite" className="text-xs text-slate-600">
          {isRefreshing ? "Updating…" : ""}
        </span>
      </div>
      <p className="mb-4 text-sm text-slate-600">
        The next {days} days, in {settings.timezone} time, as the scheduler will publish them.
      </p>
      {error && <Alert tone="error">Could not load the schedule: {error.message}</Alert>}
      {!settings.auto_publish_enabled ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          Auto-publish is off, so nothing is published automatically. Turn it on to see the plan here.
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          Nothing to publish in the next {days} days. Approved content appears here with its publish time; check the
          limits, days and time slots if approved items are waiting.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Planned publications">
          {items.map((item) => (
            <li key={item.content_id} className="flex items-baseline justify-between gap-4 py-2 text-sm">
              <Link
                href={`/sites/${siteId}/content/${item.content_id}`}
                className="min-w-0 truncate text-brand-700 underline"
              >
                {item.title || "Untitled"}
              </Link>
              <time dateTime={item.publish_at} className="shrink-0 tabular-nums text-slate-700">
                {formatInZone(item.publish_at, settings.timezone)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
