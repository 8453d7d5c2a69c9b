"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiClientError, apiFetch, fieldErrors } from "@/lib/api-client";
import { connectionFieldsSchema, type IntegrationDto } from "@/lib/schemas/integrations";
import { type ConnectionTestDto } from "@/lib/schemas/integration-checks";
import type { SiteDto } from "@/lib/schemas/sites";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { ConnectionError, ConnectionResult } from "./connection-result";
import { NEW_SITE, SitePicker } from "./site-picker";
const LABELS: Record<string, string> = {
  external_site_url: "WordPress address",
  username: "Username",
  application_password: "Application Password",
  site_name: "Site name",
};

type Form = { siteId: string; siteName: string; url: string; username: string; password: string };

/**
 * "Add integration" for WordPress: pick a site (or name a new one), the WordPress address, username
 * and Application Password. "Test connection" shows the doctor's verdict before anything is saved;
 * "Connect with WordPress" sends the user to approve IGNY8 in their WordPress admin instead.
 * `picker` (the platform choice) is shown first, inside the form.
 */
export function WordPressConnectForm({
  sites,
  oneClickNotes = [],
  picker,
}: {
  sites: SiteDto[];
  oneClickNotes?: string[];
  picker?: React.ReactNode;
}) {
  const router = useRouter();
  const [form, setForm] = useState<Form>({
    siteId: sites[0]?.id ?? NEW_SITE,
    siteName: "",
    url: sites[0]?.url ?? "",
    username: "",
    password: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ConnectionTestDto | null>(null);
  const isNewSite = form.siteId === NEW_SITE;

  function validate(fields: ("site" | "url" | "credentials")[]) {
    const next: Record<string, string> = {};
    if (fields.includes("site") && isNewSite && !form.siteName.trim()) next.site_name = "Site name is required";
    const parsed = connectionFieldsSchema.safeParse({
      external_site_url: form.url,
      username: form.username,
      application_password: form.password,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        const wanted = key === "external_site_url" ? fields.includes("url") : fields.includes("credentials");
        if (wanted && !next[key]) next[key] = `${LABELS[key]} ${issue.message}`;
      }
    }
    setErrors(next);
    return Object.keys(next).length === 0;
  }

  const connection = () => ({
    external_site_url: form.url,
    username: form.username,
    application_password: form.password,
  });

  async function ensureSite(): Promise<string> {
    if (!isNewSite) return form.siteId;
    const site = await apiFetch<SiteDto>("/api/v1/sites/", {
      method: "POST",
      json: { name: form.siteName.trim(), url: form.url },
    });
    setForm((f) => ({ ...f, siteId: site.id }));
    return site.id;
  }

  const test = useMutation({
    mutationFn: () =>
      apiFetch<ConnectionTestDto>("/api/v1/integration/test_connection/", { method: "POST", json: connection() }),
    onMutate: () => setResult(null),
    onSuccess: setResult,
  });

  const save = useMutation({
    mutationFn: async () => {
      if (isNewSite) {
        // Test first, so a failed connection does not leave a new site behind.
        const check = await apiFetch<ConnectionTestDto>("/api/v1/integration/test_connection/", {
          method: "POST",
          json: connection(),
        });
        if (!check.connected) return { check };
      }
      const siteId = await ensureSite();
      const integration = await apiFetch<IntegrationDto>("/api/v1/integration/", {
        method: "POST",
        json: { site_id: siteId, platform: "wordpress", ...connection() },
      });
      return { integration };
    },
    onMutate: () => setResult(null),
    onSuccess: (data) => {
      if ("check" in data && data.check) return setResult(data.check);
      setForm({ siteId: NEW_SITE, siteName: "", url: "", username: "", password: "" });
      router.refresh();
    },
    onError: (error) => setErrors(fieldErrors(error)),
  });

  const oneClick = useMutation({
    mutationFn: async () => {
      const siteId = await ensureSite();
      return apiFetch<{ authorize_url: string }>("/api/v1/integration/authorize/", {
        method: "POST",
        json: { site_id: siteId, external_site_url: form.url },
      });
    },
    onSuccess: ({ authorize_url }) => window.location.assign(authorize_url),
  });

  const failure = [save.error, oneClick.error, test.error].find(
    (e) => e instanceof ApiClientError && e.code !== "validation_error",
  ) as ApiClientError | undefined;
  const busy = test.isPending || save.isPending || oneClick.isPending;

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      aria-label="Add integration"
      onSubmit={(event) => {
        event.preventDefault();
        if (validate(["site", "url", "credentials"])) save.mutate();
      }}
    >
      {picker}
      <SitePicker
        sites={sites}
        siteId={form.siteId}
        siteName={form.siteName}
        error={errors.site_name}
        onSite={(siteId, site) => setForm({ ...form, siteId, url: site?.url ?? form.url })}
        onSiteName={(siteName) => setForm({ ...form, siteName })}
      />
      <Field
        id="integration-url"
        label="WordPress address"
        placeholder="https://example.com"
        inputMode="url"
        autoComplete="url"
        value={form.url}
        error={errors.external_site_url}
        onChange={(e) => setForm({ ...form, url: e.target.value })}
      />

      <div className="rounded-md border border-slate-200 bg-slate-50 p-4">
        <p className="text-sm text-slate-700">Fastest: approve IGNY8 in your WordPress admin. No password to copy.</p>
        {oneClickNotes.map((note) => (
          <p key={note} className="mt-2 text-sm text-amber-800" role="note">
            {note}
          </p>
        ))}
        <Button
          type="button"
          variant="secondary"
          className="mt-3"
          isLoading={oneClick.isPending}
          disabled={busy && !oneClick.isPending}
          onClick={() => {
            if (validate(["site", "url"])) oneClick.mutate();
          }}
        >
          Connect with WordPress
        </Button>
      </div>

      <p className="text-sm text-slate-700">
        Or enter a username and an Application Password (WordPress: Users → Profile → Application Passwords).
      </p>
      <Field
        id="integration-username"
        label="Username"
        autoComplete="off"
        value={form.username}
        error={errors.username}
        onChange={(e) => setForm({ ...form, username: e.target.value })}
      />
      <Field
        id="integration-password"
        label="Application Password"
        type="password"
        autoComplete="new-password"
        placeholder="xxxx xxxx xxxx xxxx xxxx xxxx"
        value={form.password}
        error={errors.application_password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />

      <div aria-live="polite" className="flex flex-col gap-2">
        {result && <ConnectionResult result={result} />}
        {failure && <ConnectionError code={failure.code} message={failure.message} fix={failure.fix} />}
        {save.isSuccess && !("check" in save.data) && <Alert tone="success">Integration saved and connected.</Alert>}
      </div>

      <div className="flex flex-wrap gap-3">
        <Button
          type="button"
          variant="secondary"
          isLoading={test.isPending}
          disabled={busy && !test.isPending}
          onClick={() => {
            if (validate(["url", "credentials"])) test.mutate();
          }}
        >
          Test connection
        </Button>
        <Button type="submit" isLoading={save.isPending} disabled={busy && !save.isPending}>
          Save integration
        </Button>
      </div>
    </form>
  );
}
