"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  isSyncRunning,
  startSync,
  syncKeys,
  syncStatusQuery,
  updateStructure,
  type StartSyncInput,
  type SyncStatusDto,
} from "@/lib/queries/sync";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ApiErrorAlert, directionLabel } from "./error-text";
import { RateLimitWait } from "./rate-limit-wait";

type Trigger = { key: string; label: string; started: string; run: () => Promise<unknown> };

/** Live status of the integration's sync with its progress bar and the manual triggers. */
export function SyncStatusPanel({
  siteId,
  integrationId,
  initialStatus,
  pendingCount,
  platform = "WordPress",
}: {
  siteId: string;
  integrationId: string;
  initialStatus: SyncStatusDto;
  pendingCount: number;
  /** The integration's platform name ("Ghost"). */
  platform?: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery({ ...syncStatusQuery(integrationId), initialData: initialStatus });
  const isRunning = isSyncRunning(status.data);
  const finishedKey = status.data.run?.finished_at ? `${status.data.run.id}@${status.data.run.finished_at}` : null;
  const lastFinished = useRef(finishedKey);
  const [notice, setNotice] = useState<string | null>(null);

  // When a run ends (also one too quick to be seen running), the queue, errors, history and health changed too.
  useEffect(() => {
    if (finishedKey && finishedKey !== lastFinished.current) {
      void queryClient.invalidateQueries({ queryKey: syncKeys.all(integrationId) });
      router.refresh();
    }
    lastFinished.current = finishedKey;
  }, [finishedKey, integrationId, queryClient, router]);

  const sync = (body: StartSyncInput) => () => startSync(integrationId, body);
  const triggers: Trigger[] = [
    { key: "pull", label: "Pull now", started: "Pull started.", run: sync({ direction: "pull" }) },
    {
      key: "push",
      label: `Push pending (${pendingCount})`,
      started: "Push started.",
      run: sync({ direction: "push" }),
    },
    {
      key: "full",
      label: "Full resync",
      started: "Full resync started.",
      run: sync({ direction: "both", full: true }),
    },
    {
      key: "structure",
      label: "Update structure",
      started: "Structure update requested.",
      run: () => updateStructure(integrationId),
    },
  ];
  const trigger = useMutation({
    mutationFn: (t: Trigger) => t.run(),
    onSuccess: (result, t) => {
      const isAlready =
        typeof result === "object" && result !== null && (result as { already_running?: boolean }).already_running;
      setNotice(isAlready ? "A sync is already running; showing it below." : t.started);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncKeys.all(integrationId) }),
  });

  const data = status.data;
  const run = data.run;
  const isStopped = !!run && (run.status === "failed" || !!run.error);
  const tone = data.status === "error" ? "red" : isRunning ? "blue" : "green";
  const label = data.status === "error" ? "Error" : isRunning ? "Syncing" : "Idle";

  return (
    <section aria-labelledby="status-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id="status-heading" className="flex items-center gap-2 text-base font-semibold">
          Sync status <Badge tone={tone}>{label}</Badge>
        </h2>
        <p className="text-sm text-slate-700">
          Last sync: <DateTime value={data.last_sync_at} fallback="never" />
        </p>
      </div>
      {status.isError && <ApiErrorAlert error={status.error} title="Live status is unavailable" />}
      {data.status === "error" && data.sync_error && (
        <Alert tone="error" title="The last sync failed">
          {data.sync_error}
        </Alert>
      )}
      <div className="mt-3" aria-live="polite">
        {run ? (
          <div className="flex flex-col gap-2">
            <p className="text-sm text-slate-800">
              {directionLabel(run.direction)}
              {run.is_full ? " (full)" : ""}: {run.processed}
              {run.total !== null ? ` of ${run.total}` : ""} processed
              {run.failed ? `, ${run.failed} failed` : ""}
              {run.deferred ? `, ${run.deferred} waiting for a publishing slot` : ""}
              {" · "}
              {isRunning ? "running" : isStopped ? "stopped" : run.failed ? "done, failures in the error log" : "done"}
            </p>
            <RateLimitWait until={isRunning ? run.waiting_until : null} platform={platform}>
              <ProgressBar
                label={`${directionLabel(run.direction)} progress`}
                value={isRunning || isStopped ? run.processed : Math.max(run.total ?? 0, run.processed, 1)}
                max={isRunning ? run.total : Math.max(run.total ?? 0, run.processed, 1)}
                tone={isRunning ? "brand" : isStopped ? "red" : run.failed || run.deferred ? "amber" : "green"}
              />
            </RateLimitWait>
            <p className="text-xs text-slate-600">
              Started <DateTime value={run.started_at ?? run.created_at ?? null} fallback="(queued)" />
              {run.finished_at && (
                <>
                  {" "}
                  · finished <DateTime value={run.finished_at} />
                </>
              )}
            </p>
            {run.deferred > 0 && (
              <p className="text-sm text-amber-900">
                {run.deferred === 1 ? "1 item waits" : `${run.deferred} items wait`} for a free publishing slot: the
                site&apos;s {run.deferred_limit ?? "publishing"} limit is reached.{" "}
                {run.deferred === 1 ? "It stays" : "They stay"} approved and unsent: push again later (auto-publish,
                when on, takes {run.deferred === 1 ? "it" : "them"} at the next free slot), or{" "}
                <Link className="underline" href={`/sites/${siteId}/publishing`}>
                  raise the limit in Publishing settings
                </Link>
                .
              </p>
            )}
            {run.error && <p className="text-sm text-red-800">{run.error}</p>}
          </div>
        ) : (
          <p className="text-sm text-slate-600">
            No sync has run yet. Pull now to bring in the site&apos;s content from {platform}.
          </p>
        )}
      </div>
      <div className="mt-5 border-t border-slate-200 pt-4">
        <h3 className="text-sm font-semibold text-slate-800">Manual triggers</h3>
        <p className="mb-2 text-sm text-slate-600">
          Pull brings {platform}&apos;s changes into IGNY8; push sends approved content to {platform}.
        </p>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Manual triggers">
          {triggers.map((t, i) => (
            <Button
              key={t.key}
              variant={i === 0 ? "primary" : "secondary"}
              disabled={isRunning || trigger.isPending}
              isLoading={trigger.isPending && trigger.variables?.key === t.key}
              onClick={() => {
                setNotice(null);
                trigger.mutate(t);
              }}
            >
              {t.label}
            </Button>
          ))}
        </div>
        <div className="mt-3" aria-live="polite">
          {trigger.isError && (
            <ApiErrorAlert error={trigger.error} title={`${trigger.variables?.label ?? "That"} did not start`} />
          )}
          {notice && !trigger.isError && <Alert tone="success">{notice}</Alert>}
        </div>
      </div>
    </section>
  );
}
