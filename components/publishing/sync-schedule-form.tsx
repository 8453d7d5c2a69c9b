"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import type { SyncScheduleDto } from "@/lib/schemas/publishing";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";

const INTERVALS = [
  { value: "", label: "Off" },
  { value: "5", label: "Every 5 minutes" },
  { value: "15", label: "Every 15 minutes" },
  { value: "30", label: "Every 30 minutes" },
  { value: "60", label: "Every hour" },
  { value: "120", label: "Every 2 hours" },
  { value: "360", label: "Every 6 hours" },
  { value: "720", label: "Every 12 hours" },
  { value: "1440", label: "Every 24 hours" },
];

function formatLocal(iso: string) {
  return (
    new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
      new Date(iso),
    ) + " UTC"
  );
}

/** The integration's scheduled pull: interval and next run. */
export function SyncScheduleForm({
  integrationId,
  initial,
  isEditable,
}: {
  integrationId: string;
  initial: SyncScheduleDto;
  isEditable: boolean;
}) {
  const [schedule, setSchedule] = useState(initial);
  const [interval, setIntervalValue] = useState(initial.interval_minutes ? String(initial.interval_minutes) : "");
  const options = INTERVALS.some((o) => o.value === interval)
    ? INTERVALS
    : [...INTERVALS, { value: interval, label: `Every ${interval} minutes` }];
  const save = useMutation({
    mutationFn: () =>
      apiFetch<SyncScheduleDto>(`/api/v1/integration/${integrationId}/sync_schedule/`, {
        method: "PATCH",
        json: { interval_minutes: interval ? Number(interval) : null },
      }),
    onSuccess: setSchedule,
  });
  const errors = fieldErrors(save.error);

  return (
    <form
      className="flex flex-col gap-4"
      aria-label="Scheduled sync"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {save.isError && !errors.interval_minutes && <Alert tone="error">{save.error.message}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          id="sync-interval"
          label="Pull changes from WordPress"
          value={interval}
          error={errors.interval_minutes}
          disabled={!isEditable}
          onChange={(e) => setIntervalValue(e.target.value)}
          options={options}
        />
        {isEditable && (
          <Button type="submit" variant="secondary" isLoading={save.isPending}>
            Save schedule
          </Button>
        )}
      </div>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {schedule.interval_minutes && schedule.next_run_at ? (
          <>
            Next run: <time dateTime={schedule.next_run_at}>{formatLocal(schedule.next_run_at)}</time>
          </>
        ) : (
          "Scheduled sync is off: the site is pulled only when someone starts a sync or a webhook arrives."
        )}
      </p>
      {schedule.interval_minutes !== null && schedule.consecutive_failures > 0 && (
        <Alert tone="warning">
          The last {schedule.consecutive_failures === 1 ? "sync" : `${schedule.consecutive_failures} syncs`} failed, so
          pulls wait longer (twice the interval per failure, at most 24 hours) until one succeeds. See the Sync
          Dashboard for the error.
        </Alert>
      )}
    </form>
  );
}
