import Link from "next/link";
import { Card } from "@/components/ui/card";
import { SyncStateBadge } from "@/components/content/badges";
import type { ContentDto } from "@/lib/schemas/content";

type SyncState = ContentDto["sync_state"];

/** The content sync queue: items waiting to go to the platform (the first few, and how many more). */
export function SyncQueueCard({
  siteId: id,
  queue,
  platform,
}: {
  siteId: string;
  queue: { count: number; items: { id: string; title: string; syncState: SyncState }[] };
  platform: string;
}) {
  return (
    <Card>
      <h2 className="mb-3 text-base font-semibold">
        Content sync queue{" "}
        {queue.count > 0 && <span className="text-sm font-normal text-slate-600">({queue.count} waiting)</span>}
      </h2>
      {queue.items.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing waiting. Approved items not on {platform} yet, and published items changed since, show here.{" "}
          <Link className="text-brand-700 underline" href={`/sites/${id}/content?status=approved`}>
            See approved content
          </Link>
          .
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 text-sm">
          {queue.items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3 py-2">
              <Link className="text-brand-700 underline" href={`/sites/${id}/content/${item.id}`}>
                {item.title}
              </Link>
              <SyncStateBadge state={item.syncState} platformName={platform} />
            </li>
          ))}
          {queue.count > queue.items.length && (
            <li className="py-2">
              <Link className="text-brand-700 underline" href={`/sites/${id}/content?status=approved`}>
                And {queue.count - queue.items.length} more
              </Link>
            </li>
          )}
        </ul>
      )}
    </Card>
  );
}
