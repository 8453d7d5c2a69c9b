"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api-client";
import {
  collectionFieldsQuery,
  fieldRoles,
  saveFieldMapping,
  type FieldMap,
  type RemoteCollectionDto,
  type RemoteFieldDto,
} from "@/lib/queries/integrations";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";
import { ConnectionError } from "./connection-result";

type Config = { collection_id?: string; field_map?: FieldMap };

/** The stored map for this collection, else IGNY8's suggestion from the fields. */
function initialMap(config: Config, collectionId: string, fields: RemoteFieldDto[]): FieldMap {
  if (config.collection_id === collectionId && config.field_map) return { ...config.field_map };
  const map: FieldMap = {};
  for (const f of fields) {
    const role = fieldRoles.find((r) => r.role === f.suggested_role);
    if (role && !map[role.role]) map[role.role] = f.slug;
  }
  return map;
}

/** One select per role, limited to the field types Webflow accepts for it; Save stores it in config_json. */
export function FieldMappingForm({
  integration,
  collection,
}: {
  integration: IntegrationDto;
  collection: RemoteCollectionDto;
}) {
  const router = useRouter();
  const fields = useQuery(collectionFieldsQuery(integration.id, collection.id));
  const [edited, setEdited] = useState<FieldMap | null>(null);
  const [bodyError, setBodyError] = useState<string>();
  const map = edited ?? (fields.data ? initialMap(integration.config_json as Config, collection.id, fields.data) : {});
  const save = useMutation({
    mutationFn: () =>
      saveFieldMapping(integration, {
        site_id: collection.site_id,
        collection_id: collection.id,
        field_map: Object.fromEntries(Object.entries(map).filter(([, slug]) => slug)),
      }),
    onSuccess: () => router.refresh(),
  });

  if (fields.isPending)
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading the fields of {collection.name}…
      </p>
    );
  if (fields.isError) {
    const e = fields.error;
    return (
      <ConnectionError
        code={e instanceof ApiClientError ? e.code : undefined}
        message={e.message}
        fix={e instanceof ApiClientError ? e.fix : undefined}
      />
    );
  }
  if (!fields.data.some((f) => f.type === "RichText"))
    return (
      <Alert tone="warning" title={`${collection.name} has no rich text field`}>
        IGNY8 needs a Rich text field for the post&apos;s body. Add one to the collection in Webflow, or choose another
        collection.
      </Alert>
    );

  const failure = save.error instanceof ApiClientError ? save.error : undefined;
  return (
    <form
      aria-label={`Fields of ${collection.name}`}
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!map.body) return setBodyError("Body: choose the field that gets the post's body");
        setBodyError(undefined);
        save.mutate();
      }}
    >
      <p className="text-sm text-slate-700">
        IGNY8 suggested a field for each role it recognised in <strong>{collection.name}</strong>. Check them; only the
        body is required.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {fieldRoles.map(({ role, label, types }) => {
          const options = fields.data.filter((f) => (types as readonly string[]).includes(f.type));
          const value = map[role] ?? "";
          const suggested = fields.data.find((f) => f.suggested_role === role);
          const isMissing = value && !options.some((f) => f.slug === value);
          return (
            <SelectField
              key={role}
              id={`mapping-${integration.id}-${role}`}
              label={role === "body" ? `${label} (required)` : label}
              value={value}
              required={role === "body"}
              error={role === "body" ? bodyError : undefined}
              hint={suggested ? `Suggested: ${suggested.name}` : `${types.join(" or ")} fields`}
              onChange={(e) => (setEdited({ ...map, [role]: e.target.value }), save.reset())}
              options={[
                { value: "", label: role === "body" ? "Choose a field…" : "Not mapped" },
                ...options.map((f) => ({ value: f.slug, label: `${f.name} (${f.type})` })),
                ...(isMissing ? [{ value, label: `${value} (not in this collection)` }] : []),
              ]}
            />
          );
        })}
      </div>
      <div aria-live="polite" className="flex flex-col gap-2">
        {failure && <ConnectionError code={failure.code} message={failure.message} fix={failure.fix} />}
        {save.error && !failure && <Alert tone="error">{save.error.message}</Alert>}
        {save.isSuccess && (
          <Alert tone="success" title="Field mapping saved">
            IGNY8 publishes posts to {collection.name} with these fields.
          </Alert>
        )}
      </div>
      <div>
        <Button type="submit" isLoading={save.isPending}>
          Save mapping
        </Button>
      </div>
    </form>
  );
}
