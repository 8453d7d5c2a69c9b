"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiClientError } from "@/lib/api-client";
import { webhooksQuery, type WebhooksStatus } from "@/lib/queries/webhooks";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ScheduleNote } from "./live-updates-panel";

/**
 * A platform's own signed webhooks (Ghost, Shopify, Webflow through its app): whether the site
 * really sends its changes here, asked of the site itself, and "Install webhooks" to set them up
 * again (a new signing secret; the old webhooks are replaced).
 */
export function PlatformWebhooksPanel({
  integrationId,
  siteId,
  platform,
  intervalMinutes,
  canManage,
}: {
  integrationId: string;
  siteId: string;
  platform: string;
  intervalMinutes: number | null;
  canManage: boolean;
}) {
  const queryClient = useQueryClient();
  const status = useQuery(webhooksQuery(integrationId));
  const install = useMutation({
    mutationFn: () => apiFetch<WebhooksStatus>(`/api/v1/integration/${integrationId}/webhooks/`, { method: "POST" }),
    onSuccess: (data) => queryClient.setQueryData(webhooksQuery(integrationId).queryKey, data),
  });
  const state = status.data?.plugin;
  const error = install.error ?? status.error;

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 className="text-base font-semibold">Live updates</h2>
        {status.isPending ? (
          <Badge>Checking…</Badge>
        ) : state?.points_here ? (
          <Badge tone="green">Webhooks</Badge>
        ) : (
          <Badge tone="amber">Scheduled sync only</Badge>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-700">
        With {platform}&apos;s signed webhooks, edits and deletions made in {platform} reach IGNY8 within seconds.
      </p>
      {status.isPending && (
        <p role="status" className="mt-3 text-sm text-slate-600">
          Asking {platform} about its webhooks…
        </p>
      )}
      {state && (
        <div className="mt-3 text-sm">
          <Alert tone={state.points_here ? "success" : "warning"}>
            {state.message}
            {state.fix && <span className="mt-1 block font-medium">{state.fix}</span>}
          </Alert>
        </div>
      )}
      {error && (
        <div className="mt-3">
          <Alert tone="error" title={`Could not ask ${platform} about its webhooks`}>
            {error.message}
            {error instanceof ApiClientError && error.fix && <span className="mt-1 block">{error.fix}</span>}
          </Alert>
        </div>
      )}
      <ScheduleNote siteId={siteId} intervalMinutes={intervalMinutes} />
      {canManage && (
        <div className="mt-4">
          <Button onClick={() => install.mutate()} isLoading={install.isPending}>
            {state?.points_here ? "Reinstall webhooks" : "Install webhooks"}
          </Button>
        </div>
      )}
    </Card>
  );
}
