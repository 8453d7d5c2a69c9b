"use client";

import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api-client";
import { collectionsQuery, type RemoteCollectionDto } from "@/lib/queries/integrations";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RadioCard } from "@/components/ui/radio-card";
import { ConnectionError } from "./connection-result";
import { FieldMappingForm } from "./field-mapping-form";

/** Collections by site, in the order the API lists them. */
function bySite(collections: RemoteCollectionDto[]) {
  const sites = new Map<string, { name: string; collections: RemoteCollectionDto[] }>();
  for (const c of collections) {
    const site = sites.get(c.site_id) ?? { name: c.site_name, collections: [] };
    site.collections.push(c);
    sites.set(c.site_id, site);
  }
  return [...sites.entries()];
}

/**
 * Webflow's field mapping: the collections the token can write to (grouped by site), then the
 * chosen collection's fields with a role each. A modal <dialog>: Escape closes it, focus stays inside.
 */
export function FieldMappingDialog({ integration, onClose }: { integration: IntegrationDto; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const config = integration.config_json as { collection_id?: string };
  const [collectionId, setCollectionId] = useState<string | undefined>(config.collection_id);
  const collections = useQuery(collectionsQuery(integration.id));
  const chosen = collections.data?.find((c) => c.id === collectionId);
  const titleId = `mapping-${integration.id}-title`;

  return (
    <ModalDialog
      ref={ref}
      titleId={titleId}
      title="Field mapping"
      description={
        <>{integration.site_name}: which Webflow collection IGNY8 publishes to, and which field gets what.</>
      }
      widthClass="w-[min(44rem,calc(100vw-2rem))]"
      onClose={onClose}
    >
      <div className="flex max-h-[75vh] flex-col gap-5 overflow-y-auto px-5 py-4">
        {collections.isPending && (
          <p role="status" className="text-sm text-slate-600">
            Loading the collections from Webflow…
          </p>
        )}
        {collections.isError && (
          <ConnectionError
            code={collections.error instanceof ApiClientError ? collections.error.code : undefined}
            message={collections.error.message}
            fix={collections.error instanceof ApiClientError ? collections.error.fix : undefined}
          />
        )}
        {collections.data?.length === 0 && (
          <p role="status" className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
            The token can see no CMS collection. Create one in Webflow (Designer → CMS), or give the token access to the
            site, then open Field mapping again.
          </p>
        )}
        {collections.data && collections.data.length > 0 && (
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-slate-800">Collection</legend>
            <div className="flex flex-col gap-3">
              {bySite(collections.data).map(([siteId, site]) => (
                <div key={siteId} role="group" aria-label={`Site ${site.name}`}>
                  <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{site.name}</p>
                  <div className="mt-1 flex flex-wrap gap-2">
                    {site.collections.map((c) => (
                      <RadioCard
                        key={c.id}
                        name={`collection-${integration.id}`}
                        value={c.id}
                        checked={c.id === collectionId}
                        onChange={() => setCollectionId(c.id)}
                        className="gap-2 py-1.5"
                      >
                        {c.name}
                      </RadioCard>
                    ))}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        )}
        {chosen && <FieldMappingForm key={chosen.id} integration={integration} collection={chosen} />}
        {collections.data && collections.data.length > 0 && !chosen && (
          <p className="text-sm text-slate-600">Choose the collection IGNY8 publishes posts to.</p>
        )}
      </div>
    </ModalDialog>
  );
}
