import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

/**
 * How a non-WordPress platform's own edits reach IGNY8: its signed webhooks (set up by IGNY8 when
 * the site was connected), or only the scheduled sync (no webhooks, or a Webflow site token).
 */
export function LiveUpdatesPanel({
  siteId,
  platform,
  liveUpdates,
  intervalMinutes,
}: {
  siteId: string;
  platform: string;
  liveUpdates: "webhooks" | "scheduled";
  intervalMinutes: number | null;
}) {
  const schedule = intervalMinutes
    ? `The scheduled sync runs every ${intervalMinutes} minutes.`
    : "The scheduled sync is off: turn it on in Publishing settings, or pull by hand above.";
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 className="text-base font-semibold">Live updates</h2>
        {liveUpdates === "webhooks" ? <Badge tone="green">Webhooks</Badge> : <Badge tone="amber">Scheduled sync</Badge>}
      </div>
      {liveUpdates === "webhooks" ? (
        <p className="mt-1 text-sm text-slate-700">
          IGNY8 set up {platform}&apos;s signed webhooks when the site was connected: edits and deletions made in{" "}
          {platform} reach IGNY8 within seconds. A scheduled sync catches anything a lost delivery missed.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          {platform} does not announce changes to this connection, so changes made in {platform} arrive by scheduled
          sync.
          {platform === "Webflow" && " A site API token cannot have signed webhooks; an OAuth connection can."}
        </p>
      )}
      <p className="mt-2 text-sm text-slate-700">{schedule}</p>
      <Link
        className="mt-3 inline-block text-sm font-medium text-brand-700 underline"
        href={`/sites/${siteId}/publishing`}
      >
        Sync schedule in Publishing settings
      </Link>
    </Card>
  );
}
