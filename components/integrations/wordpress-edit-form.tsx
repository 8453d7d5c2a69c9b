"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiClientError, apiFetch, fieldErrors } from "@/lib/api-client";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ConnectionError } from "./connection-result";

/** Edit a WordPress integration: address, username, a new Application Password (tested before it is stored). */
export function WordPressEditForm({
  integration,
  idPrefix,
  isPasswordUnreadable,
  onDone,
  onCancel,
}: {
  integration: IntegrationDto;
  idPrefix: string;
  isPasswordUnreadable: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState({
    url: integration.external_site_url,
    username: integration.credentials.username ?? "",
    password: "",
  });
  const save = useMutation({
    mutationFn: () =>
      apiFetch<IntegrationDto>(`/api/v1/integration/${integration.id}/`, {
        method: "PATCH",
        json: {
          external_site_url: form.url,
          username: form.username,
          ...(form.password ? { application_password: form.password } : {}),
        },
      }),
    onSuccess: () => {
      setForm((f) => ({ ...f, password: "" }));
      onDone();
    },
  });
  const saveErrors = fieldErrors(save.error);
  const saveFailure =
    save.error instanceof ApiClientError && save.error.code !== "validation_error" ? save.error : undefined;

  return (
    <form
      className="mt-4 grid gap-4 rounded-md border border-slate-200 bg-slate-50 p-4 sm:grid-cols-2"
      aria-label={`Edit ${integration.site_name}`}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Field
        id={`${idPrefix}-url`}
        label="WordPress address"
        value={form.url}
        error={saveErrors.external_site_url}
        onChange={(e) => setForm({ ...form, url: e.target.value })}
      />
      <Field
        id={`${idPrefix}-username`}
        label="Username"
        value={form.username}
        error={saveErrors.username}
        onChange={(e) => setForm({ ...form, username: e.target.value })}
      />
      <div className="sm:col-span-2">
        <Field
          id={`${idPrefix}-password`}
          label="New Application Password"
          type="password"
          autoComplete="new-password"
          hint={
            isPasswordUnreadable
              ? "The stored one cannot be decrypted: enter the site's Application Password. It is tested before it is stored."
              : "Leave empty to keep the stored one. A new password is tested before it replaces the old one."
          }
          autoFocus={isPasswordUnreadable}
          value={form.password}
          error={saveErrors.application_password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
      </div>
      {saveFailure && (
        <div className="sm:col-span-2">
          <ConnectionError code={saveFailure.code} message={saveFailure.message} fix={saveFailure.fix} />
        </div>
      )}
      <div className="flex gap-3 sm:col-span-2">
        <Button type="submit" isLoading={save.isPending}>
          Test and save
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
