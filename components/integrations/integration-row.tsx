"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import type { ConnectionTestDto, StructureResultDto } from "@/lib/schemas/integration-checks";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { platformName } from "@/lib/platforms/metadata";
import { ConnectionError, ConnectionResult, problemOf } from "./connection-result";
import { WordPressEditForm } from "./wordpress-edit-form";
import { IntegrationSummary } from "./integration-summary";
import { FieldMappingDialog } from "./field-mapping-dialog";
import { BlogDialog } from "./blog-dialog";

/** A stored secret that cannot be decrypted, as the server found it when the page was rendered. */
export type CredentialProblem = {
  secret: "application_password" | "webhook_secret" | "credentials";
  message: string;
  fix?: string;
};

/**
 * One integration: platform, status, site, URL, credentials facts, last sync; Sync / Test / Delete
 * for owners and admins, Edit (WordPress), Field mapping (Webflow) and Blog (Shopify).
 * `credentialProblems`: for an integration marked credentials_unreadable, what cannot be decrypted now.
 */
export function IntegrationRow({
  integration,
  canManage,
  credentialProblems = [],
}: {
  integration: IntegrationDto;
  canManage: boolean;
  credentialProblems?: CredentialProblem[];
}) {
  const router = useRouter();
  const [mode, setMode] = useState<"view" | "edit" | "delete" | "setup">("view");
  const platform = platformName(integration.platform);
  const isWordPress = integration.platform === "wordpress";
  const hasMapping = integration.platform === "webflow";
  const setup = hasMapping ? "Field mapping" : integration.platform === "shopify" ? "Blog" : undefined;
  const isUnmapped = hasMapping && !(integration.config_json as { collection_id?: unknown }).collection_id;
  const headingId = `integration-${integration.id}`;

  const test = useMutation({
    mutationFn: () =>
      apiFetch<ConnectionTestDto>(`/api/v1/integration/${integration.id}/test_connection/`, { method: "POST" }),
    onSettled: () => router.refresh(),
  });
  const sync = useMutation({
    mutationFn: () =>
      apiFetch<{ run_id: string; already_running: boolean }>(`/api/v1/integration/${integration.id}/sync/`, {
        method: "POST",
        json: { direction: "both" },
      }),
    onSettled: () => router.refresh(),
  });
  const structure = useMutation({
    mutationFn: () =>
      apiFetch<StructureResultDto>(`/api/v1/integration/${integration.id}/update_structure/`, { method: "POST" }),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/v1/integration/${integration.id}/`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });

  const problem = integration.connection_error_code ? problemOf(integration.connection_error_code) : undefined;
  const isUnreadable =
    integration.connection_status === "error" && integration.connection_error_code === "credentials_unreadable";
  const isPasswordUnreadable = isUnreadable && credentialProblems.some((p) => p.secret === "application_password");
  const reenter = canManage && mode !== "edit" && (
    <Button variant="secondary" onClick={() => setMode("edit")} aria-describedby={headingId}>
      Re-enter the Application Password
    </Button>
  );
  const repair = (secret: CredentialProblem["secret"]) =>
    secret === "application_password" ? (
      reenter
    ) : (
      <a className="font-medium underline" href={`/sites/${integration.site_id}/sync`}>
        Open the Sync Dashboard to install webhooks
      </a>
    );

  return (
    <li className="px-5 py-4" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <IntegrationSummary integration={integration} headingId={headingId} platform={platform} />
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button isLoading={sync.isPending} onClick={() => sync.mutate()} aria-describedby={headingId}>
              Sync now
            </Button>
            <Button
              variant="secondary"
              isLoading={test.isPending}
              onClick={() => test.mutate()}
              aria-describedby={headingId}
            >
              Test connection
            </Button>
            <Button
              variant="secondary"
              isLoading={structure.isPending}
              onClick={() => structure.mutate()}
              aria-describedby={headingId}
            >
              Update structure
            </Button>
            {setup && (
              <Button
                variant="secondary"
                onClick={() => setMode("setup")}
                aria-haspopup="dialog"
                aria-describedby={headingId}
              >
                {setup}
              </Button>
            )}
            {isWordPress && (
              <Button
                variant="secondary"
                onClick={() => setMode(mode === "edit" ? "view" : "edit")}
                aria-expanded={mode === "edit"}
                aria-describedby={headingId}
              >
                Edit
              </Button>
            )}
            <Button variant="ghost" onClick={() => setMode("delete")} aria-describedby={headingId}>
              Delete…
            </Button>
          </div>
        )}
      </div>

      <div aria-live="polite" className="mt-3 flex flex-col gap-2 empty:hidden">
        {isUnmapped && (
          <Alert tone="warning" title="Choose the collection">
            IGNY8 publishes nothing to this Webflow site until a collection and its field mapping are chosen
            {canManage ? ": open Field mapping." : "."}
          </Alert>
        )}
        {isUnreadable &&
          !test.data &&
          !test.error &&
          credentialProblems.map((p) => (
            <ConnectionError
              key={p.secret}
              code="credentials_unreadable"
              message={p.message}
              fix={p.fix}
              action={repair(p.secret)}
            />
          ))}
        {isUnreadable && !test.data && !test.error && credentialProblems.length === 0 && (
          <Alert tone="warning" title="The stored credentials can be decrypted again">
            Test the connection to clear the error.
          </Alert>
        )}
        {integration.connection_status === "error" && !isUnreadable && !test.data && problem && (
          <ConnectionError
            code={integration.connection_error_code ?? undefined}
            message={problem.cause}
            fix={problem.fix}
          />
        )}
        {sync.data && (
          <Alert tone="info" title={sync.data.already_running ? "A sync is already running" : "Sync started"}>
            Follow it on the{" "}
            <a className="underline" href={`/sites/${integration.site_id}/sync`}>
              Sync Dashboard
            </a>
            .
          </Alert>
        )}
        {sync.error instanceof ApiClientError && (
          <ConnectionError code={sync.error.code} message={sync.error.message} fix={sync.error.fix} />
        )}
        {test.data && <ConnectionResult result={test.data} />}
        {test.error instanceof ApiClientError ? (
          <ConnectionError
            code={test.error.code}
            message={test.error.message}
            fix={test.error.fix}
            action={test.error.code === "credentials_unreadable" && reenter}
          />
        ) : (
          test.error && <Alert tone="error">{test.error.message}</Alert>
        )}
        {structure.data && (
          <Alert tone="success" title="Structure updated">
            {structure.data.categories.total} categories, {structure.data.tags.total} tags and{" "}
            {structure.data.content_types.length} content types (
            {structure.data.categories.created + structure.data.tags.created} new,{" "}
            {structure.data.categories.removed + structure.data.tags.removed} removed).
          </Alert>
        )}
        {structure.error instanceof ApiClientError && (
          <ConnectionError code={structure.error.code} message={structure.error.message} fix={structure.error.fix} />
        )}
      </div>

      {mode === "setup" &&
        (hasMapping ? (
          <FieldMappingDialog integration={integration} onClose={() => setMode("view")} />
        ) : (
          <BlogDialog integration={integration} onClose={() => setMode("view")} />
        ))}

      {mode === "edit" && isWordPress && (
        <WordPressEditForm
          integration={integration}
          idPrefix={headingId}
          isPasswordUnreadable={isPasswordUnreadable}
          onDone={() => (setMode("view"), router.refresh())}
          onCancel={() => setMode("view")}
        />
      )}

      {mode === "delete" && (
        <div
          className="mt-4 flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 p-4"
          role="group"
          aria-label="Confirm deletion"
        >
          <p className="text-sm text-slate-800">
            Remove this integration and the stored {platform} credentials? Content in {platform} is not touched.
          </p>
          <Button variant="danger" isLoading={remove.isPending} onClick={() => remove.mutate()}>
            Yes, delete
          </Button>
          <Button variant="secondary" onClick={() => setMode("view")}>
            Cancel
          </Button>
          {remove.error && <Alert tone="error">{remove.error.message}</Alert>}
        </div>
      )}
    </li>
  );
}
