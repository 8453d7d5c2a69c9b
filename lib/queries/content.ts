import { useQueries } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { ContentDto } from "@/lib/schemas/content";
import type { BulkContentResult } from "@/lib/schemas/content-actions";
import type { PublishResult } from "@/lib/schemas/sync";

/** Content mutations for the content pages (lists and items are read by the server component). */
export const contentKeys = {
  item: (id: string) => ["content", id] as const,
};

export type ContentFormValues = {
  title: string;
  slug: string;
  excerpt: string;
  content: string;
  content_type: "post" | "page" | "product";
  status: "draft" | "review" | "approved" | "scheduled";
  categories: string[];
  tags: string[];
  featured_image_url: string | null;
  scheduled_at: string | null;
  seo_title: string | null;
  seo_description: string | null;
  focus_keyword: string | null;
  canonical_url: string | null;
};

export const createContentItem = (siteId: string, values: Partial<ContentFormValues>) =>
  apiFetch<ContentDto>(`/api/v1/sites/${siteId}/content/`, { method: "POST", json: values });

export const updateContentItem = (id: string, values: Partial<ContentFormValues>) =>
  apiFetch<ContentDto>(`/api/v1/content/${id}/`, { method: "PATCH", json: values });

export const approveContentItem = (id: string) =>
  apiFetch<ContentDto>(`/api/v1/content/${id}/approve/`, { method: "POST" });

export const deleteContentItem = (id: string) => apiFetch<void>(`/api/v1/content/${id}/`, { method: "DELETE" });

/** Publishes now: to the integrations named, or (none named) to every active integration of the site with sync on. */
export const publishContentItem = (id: string, integrationIds?: string[]) =>
  apiFetch<PublishResult>(`/api/v1/content/${id}/publish/`, {
    method: "POST",
    json: integrationIds?.length ? { integration_ids: integrationIds } : {},
  });

export const bulkContent = (action: "approve" | "delete", ids: string[]) =>
  apiFetch<BulkContentResult>("/api/v1/content/bulk/", { method: "POST", json: { action, ids } });

/** "a, b ,c" → ["a", "b", "c"] for the comma-separated term inputs. */
export const splitNames = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Titles of content items by id: the ones already known, plus a fetch for each unknown id (null when deleted). */
export function useContentTitles(
  ids: (string | null | undefined)[],
  known: Record<string, string>,
): Record<string, string | null> {
  const unknown = [...new Set(ids.filter((id): id is string => !!id && !(id in known)))];
  const results = useQueries({
    queries: unknown.map((id) => ({
      queryKey: contentKeys.item(id),
      queryFn: () => apiFetch<ContentDto>(`/api/v1/content/${id}/`).catch(() => null),
      staleTime: 60_000,
    })),
  });
  const titles: Record<string, string | null> = { ...known };
  unknown.forEach((id, i) => {
    const item = results[i]?.data;
    if (item !== undefined) titles[id] = item?.title ?? null;
  });
  return titles;
}
