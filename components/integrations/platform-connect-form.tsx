"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiClientError, apiFetch, fieldErrors } from "@/lib/api-client";
import { connectForms, type ConnectForm } from "@/lib/platforms/connect-forms";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import type { SiteDto } from "@/lib/schemas/sites";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ConnectionError } from "./connection-result";
import { ConnectHelp } from "./connect-help";
import { OneClickPanel } from "./one-click-panel";
import { NEW_SITE, SitePicker } from "./site-picker";

const isHttpUrl = (value: string) => /^https?:\/\/[^\s/]+/i.test(value.trim());

/**
 * "Add integration" for Ghost, Shopify and Webflow: the site, its address and the platform's
 * credential fields (connect-forms.ts). Connecting runs the platform's doctor; a refused connection
 * shows its message and fix, a refused field its message under the field.
 */
export function PlatformConnectForm({
  platform,
  sites,
  picker,
  oneClickUnavailable,
}: {
  platform: ConnectForm["platform"];
  sites: SiteDto[];
  picker?: React.ReactNode;
  /** Why this server cannot connect the platform in one click (its app is not configured), if it cannot. */
  oneClickUnavailable?: string;
}) {
  const spec = connectForms[platform];
  const router = useRouter();
  const [siteId, setSiteId] = useState(sites[0]?.id ?? NEW_SITE);
  const [siteName, setSiteName] = useState("");
  const [url, setUrl] = useState(sites[0]?.url ?? "");
  const [methodId, setMethodId] = useState(spec.methods[0].id);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [connected, setConnected] = useState<IntegrationDto | null>(null);
  const method = spec.methods.find((m) => m.id === methodId) ?? spec.methods[0];
  const labelOf = (key: string) =>
    key === "external_site_url"
      ? spec.urlLabel
      : (method.fields.find((f) => `credentials.${f.name}` === key)?.label ?? "This field");

  function validate(withCredentials = true) {
    const next: Record<string, string> = {};
    if (siteId === NEW_SITE && !siteName.trim()) next.site_name = "Site name is required";
    if (!url.trim()) next.external_site_url = `${spec.urlLabel} is required`;
    else if (!isHttpUrl(url)) next.external_site_url = `${spec.urlLabel} must start with https:// or http://`;
    for (const f of withCredentials ? method.fields : [])
      if (!values[f.name]?.trim()) next[`credentials.${f.name}`] = `${f.label} is required`;
    setErrors(next);
    return Object.keys(next).length === 0;
  }

  async function ensureSite(): Promise<string> {
    if (siteId !== NEW_SITE) return siteId;
    const site = await apiFetch<SiteDto>("/api/v1/sites/", { method: "POST", json: { name: siteName.trim(), url } });
    // Kept chosen, so a retry after a refused connection does not create the site again.
    setSiteId(site.id);
    return site.id;
  }

  const showFieldErrors = (error: Error) => {
    const fields = fieldErrors(error);
    setErrors(Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, `${labelOf(k)} ${m}`])));
  };

  // Off to the platform's approval screen; it sends the user back to the connect result page.
  const oneClick = useMutation({
    mutationFn: async () =>
      apiFetch<{ authorize_url: string }>("/api/v1/integration/authorize/", {
        method: "POST",
        json: { site_id: await ensureSite(), platform, external_site_url: url.trim() },
      }),
    onSuccess: ({ authorize_url }) => window.location.assign(authorize_url),
    onError: showFieldErrors,
  });

  const connect = useMutation({
    mutationFn: async () => {
      const id = await ensureSite();
      const credentials = Object.fromEntries(method.fields.map((f) => [f.name, (values[f.name] ?? "").trim()]));
      return apiFetch<IntegrationDto>("/api/v1/integration/", {
        method: "POST",
        json: { site_id: id, platform, external_site_url: url.trim(), credentials },
      });
    },
    onMutate: () => setConnected(null),
    onSuccess: (integration) => {
      setConnected(integration);
      setValues({});
      router.refresh();
    },
    onError: showFieldErrors,
  });
  const failure = [connect.error, oneClick.error].find(
    (e) => e instanceof ApiClientError && e.code !== "validation_error",
  ) as ApiClientError | undefined;
  const otherErrors = Object.entries(errors).filter(
    ([k]) =>
      k !== "site_name" && k !== "external_site_url" && !method.fields.some((f) => `credentials.${f.name}` === k),
  );

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      aria-label="Add integration"
      onSubmit={(event) => {
        event.preventDefault();
        if (validate()) connect.mutate();
      }}
    >
      {picker}
      <SitePicker
        sites={sites}
        siteId={siteId}
        siteName={siteName}
        error={errors.site_name}
        onSite={(id, site) => {
          setSiteId(id);
          if (site) setUrl(site.url);
        }}
        onSiteName={setSiteName}
      />
      <Field
        id="integration-url"
        label={spec.urlLabel}
        placeholder={spec.urlPlaceholder}
        hint={spec.urlHint}
        inputMode="url"
        autoComplete="url"
        value={url}
        error={errors.external_site_url}
        onChange={(e) => setUrl(e.target.value)}
      />
      {spec.oneClick && (
        <>
          <OneClickPanel
            method={spec.oneClick}
            unavailable={oneClickUnavailable}
            isPending={oneClick.isPending}
            isDisabled={connect.isPending}
            onStart={() => {
              if (validate(false)) oneClick.mutate();
            }}
          />
          <p className="text-sm text-slate-700">Or connect with credentials you create yourself:</p>
        </>
      )}
      {spec.methods.length > 1 && (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Connect with</legend>
          <div className="flex flex-col gap-1">
            {spec.methods.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name="integration-method"
                  value={m.id}
                  checked={m.id === method.id}
                  onChange={() => (setMethodId(m.id), setErrors({}))}
                  className="accent-brand-600"
                />
                {m.label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <ConnectHelp spec={spec} method={method} />
      {method.fields.map((f) => (
        <Field
          key={f.name}
          id={`integration-${f.name.replaceAll("_", "-")}`}
          label={f.label}
          type={f.isSecret ? "password" : "text"}
          autoComplete={f.isSecret ? "new-password" : "off"}
          spellCheck={false}
          placeholder={f.placeholder}
          hint={f.hint}
          value={values[f.name] ?? ""}
          error={errors[`credentials.${f.name}`]}
          onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
        />
      ))}

      <div aria-live="polite" className="flex flex-col gap-2">
        {failure && <ConnectionError code={failure.code} message={failure.message} fix={failure.fix} />}
        {otherErrors.map(([k, m]) => (
          <Alert key={k} tone="error">
            {m}
          </Alert>
        ))}
        {connected && (
          <Alert tone="success" title={`${spec.name} site connected`}>
            {connected.site_name} is connected to {spec.name}.{spec.next ? ` ${spec.next}` : ""}
          </Alert>
        )}
      </div>
      <div>
        <Button type="submit" isLoading={connect.isPending} disabled={oneClick.isPending}>
          Connect {spec.name}
        </Button>
      </div>
    </form>
  );
}
