import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { RemoteCollectionDto, RemoteDestinationDto, RemoteFieldDto } from "@/lib/schemas/integration-setup";
import type { IntegrationDto } from "@/lib/schemas/integrations";

export type { RemoteCollectionDto, RemoteDestinationDto, RemoteFieldDto };

/** The roles a collection's fields can play, in the order the mapping screen lists them. */
export const fieldRoles = [
  { role: "body", label: "Body", types: ["RichText"] },
  { role: "summary", label: "Summary", types: ["PlainText"] },
  { role: "image", label: "Featured image", types: ["Image"] },
  { role: "seo_title", label: "SEO title", types: ["PlainText"] },
  { role: "seo_description", label: "SEO description", types: ["PlainText"] },
  { role: "categories", label: "Categories", types: ["Reference", "MultiReference", "Option"] },
  { role: "tags", label: "Tags", types: ["Reference", "MultiReference", "Option"] },
  { role: "publish_date", label: "Publish date", types: ["DateTime"] },
] as const;
export type FieldRole = (typeof fieldRoles)[number]["role"];
export type FieldMap = Partial<Record<FieldRole, string>>;

export const integrationKeys = {
  collections: (id: string) => ["integration", id, "collections"] as const,
  fields: (id: string, collectionId: string) => ["integration", id, "collections", collectionId, "fields"] as const,
  destinations: (id: string) => ["integration", id, "destinations"] as const,
};

/** Every collection the integration's credentials can write to (Webflow: per site). */
export const collectionsQuery = (integrationId: string) =>
  queryOptions({
    queryKey: integrationKeys.collections(integrationId),
    queryFn: () => apiFetch<RemoteCollectionDto[]>(`/api/v1/integration/${integrationId}/collections/`),
    retry: false,
  });

/** A collection's fields with the role IGNY8 suggests for each. */
export const collectionFieldsQuery = (integrationId: string, collectionId: string) =>
  queryOptions({
    queryKey: integrationKeys.fields(integrationId, collectionId),
    queryFn: () =>
      apiFetch<RemoteFieldDto[]>(`/api/v1/integration/${integrationId}/collections/${collectionId}/fields/`),
    retry: false,
  });

/** Stores the chosen collection and field map, keeping the rest of the integration's config. */
export function saveFieldMapping(
  integration: Pick<IntegrationDto, "id" | "config_json">,
  mapping: { site_id: string; collection_id: string; field_map: FieldMap },
) {
  return apiFetch<IntegrationDto>(`/api/v1/integration/${integration.id}/`, {
    method: "PATCH",
    json: { config_json: { ...integration.config_json, ...mapping } },
  });
}

/** The places the integration publishes to (a Shopify store's blogs), the current one marked. */
export const destinationsQuery = (integrationId: string) =>
  queryOptions({
    queryKey: integrationKeys.destinations(integrationId),
    queryFn: () => apiFetch<RemoteDestinationDto[]>(`/api/v1/integration/${integrationId}/destinations/`),
    retry: false,
  });

/** Creates a blog in the store (choosing it is `saveBlogChoice`). */
export function createDestination(integrationId: string, title: string) {
  return apiFetch<RemoteDestinationDto>(`/api/v1/integration/${integrationId}/destinations/`, {
    method: "POST",
    json: { title },
  });
}

/** Stores the chosen blog (its title too, for the Integrations page) and the categories mapping. */
export function saveBlogChoice(
  integration: Pick<IntegrationDto, "id" | "config_json">,
  choice: { blog_id: string; blog_title: string; categories_as: "tags" | "blog" },
) {
  return apiFetch<IntegrationDto>(`/api/v1/integration/${integration.id}/`, {
    method: "PATCH",
    json: { config_json: { ...integration.config_json, ...choice } },
  });
}
