"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { publishContentItem } from "@/lib/queries/content";
import { platformName } from "@/lib/platforms/metadata";
import { Button } from "@/components/ui/button";
import { describeDestination, type SiteDestination } from "./destinations";
import { ErrorWithFix } from "./error-with-fix";
import { PublishOutcome } from "./publish-outcome";

function ConnectHint({ id, hasPaused }: { id: string; hasPaused: boolean }) {
  return (
    <p id={id} className="text-xs text-slate-600">
      {hasPaused
        ? "This site's integrations are all switched off. Turn one on under "
        : "Connect this site to WordPress, Ghost, Shopify or Webflow first under "}
      <Link className="text-brand-700 underline" href="/settings/integration">
        Integrations
      </Link>
      .
    </p>
  );
}

/**
 * "Publish to…": one button when the site has one active integration; with several, a checkbox
 * list (the ones with sync on ticked) and a Publish button that sends the chosen integration ids.
 */
export function PublishControl({ itemId, destinations }: { itemId: string; destinations: SiteDestination[] }) {
  const router = useRouter();
  const hintId = useId();
  const active = destinations.filter((d) => d.is_active);
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(active.filter((d) => d.sync_enabled).map((d) => d.id)),
  );
  const publish = useMutation({
    mutationFn: (ids: string[]) => publishContentItem(itemId, ids),
    onSettled: () => router.refresh(),
  });
  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const results = (
    <>
      {publish.isError && <ErrorWithFix error={publish.error} title="Not published" />}
      {publish.isSuccess && <PublishOutcome result={publish.data} destinations={destinations} />}
    </>
  );

  if (active.length <= 1) {
    const only = active[0];
    return (
      <div className="flex flex-col gap-3">
        {results}
        <div>
          <Button
            isLoading={publish.isPending}
            disabled={!only}
            aria-describedby={only ? undefined : hintId}
            onClick={() => only && publish.mutate([only.id])}
          >
            Publish to {platformName(only?.platform ?? destinations[0]?.platform ?? "wordpress")}
          </Button>
        </div>
        {!only && <ConnectHint id={hintId} hasPaused={destinations.length > 0} />}
      </div>
    );
  }

  const ids = active.filter((d) => chosen.has(d.id)).map((d) => d.id);
  return (
    <div className="flex flex-col gap-3">
      {results}
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-900">Publish to…</legend>
        <div className="flex flex-col gap-2">
          {active.map((d) => {
            const where = describeDestination(d.platform, d.id, destinations);
            return (
              <label key={d.id} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 shrink-0"
                  checked={chosen.has(d.id)}
                  onChange={() => toggle(d.id)}
                />
                <span className="min-w-0 break-words">
                  {where.label}
                  {!d.sync_enabled && <span className="text-slate-600"> (sync off)</span>}
                </span>
              </label>
            );
          })}
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button
            isLoading={publish.isPending}
            disabled={!ids.length}
            aria-describedby={hintId}
            onClick={() => publish.mutate(ids)}
          >
            Publish
          </Button>
          <span id={hintId} className="text-xs text-slate-600" aria-live="polite">
            {ids.length ? `${ids.length} of ${active.length} chosen` : "Choose at least one destination."}
          </span>
        </div>
      </fieldset>
    </div>
  );
}
