import { Badge } from "@/components/ui/badge";
import type { ContentDto } from "@/lib/schemas/content";

const statusTone = {
  draft: "slate",
  review: "blue",
  approved: "green",
  scheduled: "amber",
  published: "green",
} as const;
const statusLabel = {
  draft: "Draft",
  review: "In review",
  approved: "Approved",
  scheduled: "Scheduled",
  published: "Published",
} as const;

export function ContentStatusBadge({ status }: { status: ContentDto["status"] }) {
  return <Badge tone={statusTone[status]}>{statusLabel[status]}</Badge>;
}

/** Where the item stands with its WordPress copy, in words a writer understands. */
export const syncStateLabel = {
  local: "Not on WordPress",
  pending: "Changed since sync",
  synced: "In sync",
  failed: "Sync failed",
  conflict: "Conflict",
  remote_trashed: "Trashed in WordPress",
  remote_deleted: "Deleted in WordPress",
} as const;

const syncTone = {
  local: "slate",
  pending: "amber",
  synced: "green",
  failed: "red",
  conflict: "red",
  remote_trashed: "red",
  remote_deleted: "red",
} as const;

/** The same words for one destination: "Trashed in Ghost" rather than "Trashed in WordPress". */
export function syncStateLabelOn(state: ContentDto["sync_state"], platformName = "WordPress"): string {
  return syncStateLabel[state].replace("WordPress", platformName);
}

export function SyncStateBadge({ state, platformName }: { state: ContentDto["sync_state"]; platformName?: string }) {
  return <Badge tone={syncTone[state]}>{syncStateLabelOn(state, platformName)}</Badge>;
}
