"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiClientError } from "@/lib/api-client";
import { webhooksQuery, type WebhooksStatus } from "@/lib/queries/webhooks";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Whether the IGNY8 Connector plugin is installed, active and sending here; install or download it. */
export function PluginPanel({ integrationId, canManage }: { integrationId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const status = useQuery(webhooksQuery(integrationId));
  const install = useMutation({
    mutationFn: () => apiFetch<WebhooksStatus>(`/api/v1/integration/${integrationId}/webhooks/`, { method: "POST" }),
    onSuccess: (data) => queryClient.setQueryData(webhooksQuery(integrationId).queryKey, data),
  });
  const plugin = status.data?.plugin;
  const error = install.error ?? status.error;

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold">Live updates (webhooks)</h2>
          <p className="mt-1 text-sm text-slate-600">
            With the IGNY8 Connector plugin, edits in WordPress reach IGNY8 within seconds, and conflicting edits are
            caught exactly.
          </p>
        </div>
        {status.isPending ? (
          <Badge>Checking…</Badge>
        ) : plugin?.points_here ? (
          <Badge tone="green">Active</Badge>
        ) : plugin?.installed ? (
          <Badge tone="amber">Installed, not configured</Badge>
        ) : plugin ? (
          <Badge tone="red">Plugin not installed</Badge>
        ) : (
          <Badge tone="red">Unknown</Badge>
        )}
      </div>
      {status.isPending && (
        <p role="status" className="mt-3 text-sm text-slate-600">
          Asking the site about its plugin…
        </p>
      )}
      {plugin && (
        <div className="mt-3 flex flex-col gap-2 text-sm">
          <Alert tone={plugin.points_here ? "success" : "warning"}>
            {plugin.message}
            {plugin.fix && <span className="mt-1 block font-medium">{plugin.fix}</span>}
          </Alert>
          {plugin.installed && (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-slate-700 sm:grid-cols-4">
              <dt className="text-slate-500">Plugin version</dt>
              <dd>{plugin.version ?? "—"}</dd>
              <dt className="text-slate-500">Waiting to send</dt>
              <dd>{plugin.queue ? `${plugin.queue.pending} pending, ${plugin.queue.failed} failed` : "—"}</dd>
            </dl>
          )}
          {plugin.last_deliveries.length > 0 && (
            <details className="text-slate-700">
              <summary className="cursor-pointer font-medium">Last deliveries</summary>
              <ul className="mt-2 divide-y divide-slate-100">
                {plugin.last_deliveries.map((d) => (
                  <li key={d.event_id} className="flex flex-wrap justify-between gap-2 py-1">
                    <span>
                      {d.action} · post {d.post_id}
                    </span>
                    <span className={d.state === "delivered" ? "text-green-700" : "text-amber-800"}>
                      {d.state}
                      {d.response_code ? ` (${d.response_code})` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {error && (
        <div className="mt-3">
          <Alert
            tone="error"
            title={
              error instanceof ApiClientError && error.code === "credentials_unreadable"
                ? "The plugin cannot be checked"
                : "Could not reach the plugin"
            }
          >
            {error.message}
            {error instanceof ApiClientError && error.fix && <span className="mt-1 block">{error.fix}</span>}
          </Alert>
        </div>
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        {canManage && (
          <Button onClick={() => install.mutate()} isLoading={install.isPending} disabled={!plugin?.installed}>
            Install webhooks
          </Button>
        )}
        <a
          href="/api/v1/integration/plugin/"
          download
          className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Download the plugin (.zip)
        </a>
      </div>
    </Card>
  );
}
