"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import { createSiteBodySchema } from "@/lib/schemas/sites";
import type { SiteDto } from "@/lib/schemas/sites";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";

export function AddSiteForm() {
  const router = useRouter();
  const [form, setForm] = useState({ name: "", url: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: () => apiFetch<SiteDto>("/api/v1/sites/", { method: "POST", json: form }),
    onSuccess: () => {
      setForm({ name: "", url: "" });
      router.refresh();
    },
    onError: (error) => setErrors(fieldErrors(error)),
  });

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = createSiteBodySchema.safeParse(form);
        if (!parsed.success) {
          setErrors(
            Object.fromEntries(
              parsed.error.issues.map((i) => [
                String(i.path[0]),
                `${i.path[0] === "url" ? "Address" : "Name"} ${i.message}`,
              ]),
            ),
          );
          return;
        }
        setErrors({});
        mutation.mutate();
      }}
    >
      {mutation.isError && !Object.keys(errors).length && <Alert tone="error">{mutation.error.message}</Alert>}
      {mutation.isSuccess && <Alert tone="success">Site added.</Alert>}
      <Field
        id="site-name"
        label="Name"
        placeholder="My blog"
        value={form.name}
        error={errors.name}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
      />
      <Field
        id="site-url"
        label="Address"
        placeholder="https://example.com"
        inputMode="url"
        value={form.url}
        error={errors.url}
        onChange={(e) => setForm({ ...form, url: e.target.value })}
      />
      <Button type="submit" isLoading={mutation.isPending}>
        Add site
      </Button>
    </form>
  );
}
