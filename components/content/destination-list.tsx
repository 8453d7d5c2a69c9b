import type { ContentReferenceDto } from "@/lib/schemas/content";
import { DateTime } from "@/components/ui/date-time";
import { SyncStateBadge } from "./badges";
import { describeDestination, inDestinationOrder, type SiteDestination } from "./destinations";

/** The platforms' own statuses in plain words (WordPress publish/future/..., Ghost published/sent, ...). */
const remoteStatusLabel: Record<string, string> = {
  publish: "Published",
  published: "Published",
  future: "Scheduled",
  scheduled: "Scheduled",
  draft: "Draft",
  pending: "Pending review",
  private: "Private",
  trash: "In the trash",
  sent: "Sent as newsletter",
  active: "Active",
  archived: "Archived",
};

function remoteStatusText(status: string | null) {
  if (!status) return "—";
  return Object.hasOwn(remoteStatusLabel, status) ? remoteStatusLabel[status] : status;
}

/** The item page's "Destinations": each integration the item lives on, its state there and a link. */
export function DestinationList({
  references,
  destinations,
}: {
  references: ContentReferenceDto[];
  destinations: SiteDestination[];
}) {
  if (!references.length) {
    return (
      <p className="text-sm text-slate-600">
        Not published yet. Publishing sends it to the destinations you choose{destinations.length ? " above" : ""}.
      </p>
    );
  }
  return (
    <ul className="flex flex-col divide-y divide-slate-100" aria-label="Destinations">
      {inDestinationOrder(references, destinations).map((ref) => {
        const where = describeDestination(ref.platform, ref.integration_id, destinations, ref.url);
        return (
          <li key={ref.integration_id} className="py-3 first:pt-0 last:pb-0">
            <h3 className="text-sm font-semibold text-slate-900">
              {where.name}
              {where.address && <span className="font-normal text-slate-600"> · {where.address}</span>}
            </h3>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-slate-600">State</dt>
              <dd>
                <SyncStateBadge state={ref.sync_state} platformName={where.name} />
              </dd>
              <dt className="text-slate-600">Status there</dt>
              <dd>{remoteStatusText(ref.remote_status)}</dd>
              <dt className="text-slate-600">Last synced</dt>
              <dd>
                <DateTime value={ref.last_synced_at} fallback="Never" />
              </dd>
              <dt className="text-slate-600">Address</dt>
              <dd className="min-w-0">
                {ref.url ? (
                  <a className="break-all text-brand-700 underline" href={ref.url} target="_blank" rel="noreferrer">
                    {ref.url}
                    <span className="sr-only"> (on {where.phrase}, opens in a new tab)</span>
                  </a>
                ) : ref.external_id ? (
                  <span className="text-slate-700">#{ref.external_id} (no public address)</span>
                ) : (
                  <span className="text-slate-600">Not sent yet</span>
                )}
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
