"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import type { SiteDto } from "@/lib/schemas/sites";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";

export function EditSiteForm({ site }: { site: SiteDto }) {
  const router = useRouter();
  const [form, setForm] = useState({ name: site.name, url: site.url });
  const [isConfirming, setIsConfirming] = useState(false);
  const save = useMutation({
    mutationFn: () => apiFetch<SiteDto>(`/api/v1/sites/${site.id}/`, { method: "PATCH", json: form }),
    onSuccess: () => router.refresh(),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/v1/sites/${site.id}/`, { method: "DELETE" }),
    onSuccess: () => {
      router.push("/sites");
      router.refresh();
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <div className="flex flex-col gap-6">
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {save.isError && !Object.keys(errors).length && <Alert tone="error">{save.error.message}</Alert>}
        {save.isSuccess && <Alert tone="success">Saved.</Alert>}
        <Field
          id="edit-name"
          label="Name"
          value={form.name}
          error={errors.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <Field
          id="edit-url"
          label="Address"
          value={form.url}
          error={errors.url}
          onChange={(e) => setForm({ ...form, url: e.target.value })}
        />
        <Button type="submit" isLoading={save.isPending} className="self-start">
          Save changes
        </Button>
      </form>
      <div className="border-t border-slate-200 pt-4">
        {remove.isError && <Alert tone="error">{remove.error.message}</Alert>}
        {isConfirming ? (
          <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Confirm deletion">
            <p className="text-sm text-slate-800">
              Delete this site with its content and integrations? This cannot be undone.
            </p>
            <Button variant="danger" isLoading={remove.isPending} onClick={() => remove.mutate()}>
              Yes, delete
            </Button>
            <Button variant="secondary" onClick={() => setIsConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setIsConfirming(true)}>
            Delete site…
          </Button>
        )}
      </div>
    </div>
  );
}
