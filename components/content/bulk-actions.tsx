"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { bulkContent } from "@/lib/queries/content";
import { startSync } from "@/lib/queries/sync";
import { platformName } from "@/lib/platforms/metadata";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SiteDestination } from "./destinations";
import { ErrorWithFix } from "./error-with-fix";

/** Approve the selected items, or push them to every active integration with sync on. */
export function BulkActions({
  siteId,
  ids,
  destinations,
  onApproved,
}: {
  siteId: string;
  ids: string[];
  destinations: SiteDestination[];
  onApproved: () => void;
}) {
  const router = useRouter();
  const targets = destinations.filter((d) => d.is_active && d.sync_enabled);
  const approve = useMutation({
    mutationFn: () => bulkContent("approve", ids),
    onSuccess: () => {
      onApproved();
      router.refresh();
    },
  });
  const publish = useMutation({
    mutationFn: (contentIds: string[]) =>
      Promise.all(targets.map((t) => startSync(t.id, { direction: "push", content_ids: contentIds }))),
  });
  const label =
    targets.length > 1
      ? `Publish to ${targets.length} destinations`
      : `Publish to ${platformName(targets[0]?.platform ?? destinations[0]?.platform ?? "wordpress")}`;

  return (
    <>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Bulk actions">
        <span className="text-sm text-slate-700" aria-live="polite">
          {ids.length ? `${ids.length} selected` : "Select items for bulk actions"}
        </span>
        <Button
          variant="secondary"
          disabled={!ids.length}
          isLoading={approve.isPending}
          onClick={() => approve.mutate()}
        >
          Approve
        </Button>
        <Button
          disabled={!ids.length || !targets.length}
          isLoading={publish.isPending}
          onClick={() => publish.mutate(ids)}
        >
          {label}
        </Button>
        {!targets.length && (
          <span className="text-xs text-slate-600">
            {destinations.length
              ? "Publishing needs an integration with sync on: "
              : "Publishing needs a WordPress connection: "}
            <Link className="text-brand-700 underline" href="/settings/integration">
              {destinations.length ? "check the integrations" : "connect this site"}
            </Link>
            .
          </span>
        )}
      </div>
      {approve.isError && <ErrorWithFix error={approve.error} title="That did not work" />}
      {publish.isError && <ErrorWithFix error={publish.error} title="That did not work" />}
      {approve.isSuccess && (
        <Alert tone="success">
          Approved {approve.data.done.length}.
          {approve.data.skipped.length ? ` Skipped ${approve.data.skipped.length} (already published).` : ""}
        </Alert>
      )}
      {publish.isSuccess && (
        <Alert tone="success">
          {publish.data.some((run) => run.already_running)
            ? "A sync is already running; these items join the queue."
            : `Publishing ${publish.variables.length} item(s)${targets.length > 1 ? ` to ${targets.length} destinations` : ""}.`}{" "}
          <Link className="underline" href={`/sites/${siteId}/sync`}>
            Follow it on the Sync Dashboard
          </Link>
          .
        </Alert>
      )}
    </>
  );
}
