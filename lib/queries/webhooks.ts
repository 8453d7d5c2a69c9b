import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

export type PluginState = {
  installed: boolean;
  configured: boolean;
  points_here: boolean;
  version: string | null;
  queue: { pending: number; failed: number } | null;
  last_deliveries: Array<{
    event_id: string;
    action: string;
    post_id: number;
    state: string;
    response_code?: number | null;
    last_attempt_at?: string | null;
    error?: string;
  }>;
  message: string;
  fix?: string;
};
export type WebhooksStatus = { webhook_url: string; plugin: PluginState };

export const webhooksQuery = (integrationId: string) =>
  queryOptions({
    queryKey: ["integration", integrationId, "webhooks"],
    queryFn: () => apiFetch<WebhooksStatus>(`/api/v1/integration/${integrationId}/webhooks/`),
    staleTime: 30_000,
    retry: false,
  });
