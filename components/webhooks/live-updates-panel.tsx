import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

/** The scheduled sync's interval, and where to change it. */
export function ScheduleNote({ siteId, intervalMinutes }: { siteId: string; intervalMinutes: number | null }) {
  return (
    <>
      <p className="mt-2 text-sm text-slate-700">
        {intervalMinutes
          ? `The scheduled sync runs every ${intervalMinutes} minutes.`
          : "The scheduled sync is off: turn it on in Publishing settings, or pull by hand above."}
      </p>
      <Link
        className="mt-3 inline-block text-sm font-medium text-brand-700 underline"
        href={`/sites/${siteId}/publishing`}
      >
        Sync schedule in Publishing settings
      </Link>
    </>
  );
}

/**
 * How a platform without webhooks for this connection reaches IGNY8: only the scheduled sync (no
 * webhooks, or a Webflow site token). Platforms with webhooks have PlatformWebhooksPanel.
 */
export function LiveUpdatesPanel({
  siteId,
  platform,
  intervalMinutes,
}: {
  siteId: string;
  platform: string;
  intervalMinutes: number | null;
}) {
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 className="text-base font-semibold">Live updates</h2>
        <Badge tone="amber">Scheduled sync</Badge>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {platform} does not announce changes to this connection, so changes made in {platform} arrive by scheduled sync.
        {platform === "Webflow" && " A site API token cannot have signed webhooks; an OAuth connection can."}
      </p>
      <ScheduleNote siteId={siteId} intervalMinutes={intervalMinutes} />
    </Card>
  );
}
