import { ApiClientError } from "@/lib/api-client";
import { Alert } from "@/components/ui/alert";

/** An API error as the user should read it: the message, then the fix when the API sent one. */
export function ApiErrorAlert({ error, title }: { error: Error; title: string }) {
  const fix = error instanceof ApiClientError ? error.fix : undefined;
  return (
    <Alert tone="error" title={title}>
      <p>{error.message}</p>
      {fix && <p className="mt-1">Fix: {fix}</p>}
    </Alert>
  );
}

/** A run's or event's direction; the stored igny8_to_wp / wp_to_igny8 name the integration's platform. */
export const directionLabel = (direction: string, platform = "WordPress") =>
  ({
    pull: "Pull",
    push: "Push",
    both: "Pull and push",
    igny8_to_wp: `IGNY8 → ${platform}`,
    wp_to_igny8: `${platform} → IGNY8`,
  })[direction] ?? direction;

export const eventTypeLabel = (type: string) =>
  ({
    content_push: "Content push",
    content_pull: "Content pull",
    webhook: "Webhook",
    taxonomy_sync: "Taxonomy sync",
    conflict: "Conflict",
  })[type] ?? type;
