"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import type { AiSettingsDto, KeyTestResultDto, ProviderSettingsDto } from "@/lib/schemas/ai";
import type { AiProviderId } from "@/lib/ai/types";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export const providerInfo: Record<AiProviderId, { name: string; does: string; keyHint: string }> = {
  openai: {
    name: "OpenAI",
    does: "Text (GPT-4o) and images (DALL-E 3)",
    keyHint: "Starts with sk-; create one at platform.openai.com/api-keys.",
  },
  anthropic: {
    name: "Anthropic",
    does: "Text (Claude 3 and 3.5)",
    keyHint: "Starts with sk-ant-; create one at console.anthropic.com.",
  },
  runware: { name: "Runware", does: "Images (FLUX.1)", keyHint: "Create one at my.runware.ai under API keys." },
  bria: { name: "Bria", does: "Images (Bria 2.2 and 2.3)", keyHint: "Your Bria API token from platform.bria.ai." },
};

function statusBadge(state: { has_key: boolean; status: string | null }) {
  if (!state.has_key) return <Badge>No key</Badge>;
  if (state.status === "ok") return <Badge tone="green">Works</Badge>;
  if (state.status === "failed") return <Badge tone="red">Failed its last test</Badge>;
  return <Badge tone="amber">Not tested yet</Badge>;
}

function inForceLine(p: ProviderSettingsDto, name: string) {
  if (p.source === "account") return `Using your account's key ending in ${p.key_last4}.`;
  if (p.source === "global") return `Using the platform key ending in ${p.key_last4}.`;
  return `No key: calls to ${name} fail until a key is added.`;
}

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : null;

/** One provider: the key in force, and (when allowed) a write-only field to save, test or remove the key of `scope`. */
export function ProviderKeyCard({
  provider,
  settings,
  scope,
  canEdit,
  onSaved,
}: {
  provider: AiProviderId;
  settings: ProviderSettingsDto;
  scope: "account" | "global";
  canEdit: boolean;
  onSaved: (next: AiSettingsDto) => void;
}) {
  const info = providerInfo[provider];
  const level = settings[scope];
  const [key, setKey] = useState("");
  const [result, setResult] = useState<KeyTestResultDto | null>(null);
  const id = `${provider}-${scope}-key`;

  const save = useMutation({
    mutationFn: (value: string) =>
      apiFetch<AiSettingsDto>("/api/v1/settings/ai/", { method: "PUT", json: { scope, keys: { [provider]: value } } }),
    onSuccess: (next) => {
      setKey("");
      setResult(null);
      onSaved(next);
    },
  });
  const test = useMutation({
    mutationFn: () =>
      apiFetch<KeyTestResultDto>("/api/v1/settings/ai/test/", {
        method: "POST",
        json: key ? { provider, api_key: key } : { provider, scope: canEdit ? scope : undefined },
      }),
    onSuccess: (data) => {
      setResult(data);
      if (data.tested !== "candidate") {
        void apiFetch<AiSettingsDto>("/api/v1/settings/ai/").then(onSaved);
      }
    },
  });
  const keyError = fieldErrors(save.error)[`keys.${provider}`];
  const levelName = scope === "account" ? "your account's" : "the platform";
  const canTestStored = canEdit ? level.has_key : settings.has_key;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <div>
          <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {info.name}
          </h3>
          <p className="text-sm text-slate-600">{info.does}</p>
        </div>
        {statusBadge(canEdit ? level : settings)}
      </div>
      <p className="text-sm text-slate-800" data-testid={`${provider}-source`}>
        {inForceLine(settings, info.name)}
      </p>
      {canEdit && level.has_key && (
        <p className="text-xs text-slate-600">
          {settings.source === scope ? (
            level.last_tested_at ? (
              `Last tested ${when(level.last_tested_at)}.`
            ) : (
              "Not tested yet: press Test saved key."
            )
          ) : (
            <>
              {scope === "account" ? "Your account's" : "The platform"} key ends in{" "}
              <span className="font-mono">{level.key_last4}</span>
              {level.last_tested_at ? `; last tested ${when(level.last_tested_at)}.` : "; not tested yet."}
            </>
          )}
        </p>
      )}
      {canEdit ? (
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(key);
          }}
        >
          <Field
            id={id}
            type="password"
            label={
              level.has_key
                ? `Replace ${levelName} ${info.name} key`
                : `${scope === "account" ? "Your account's" : "Platform"} ${info.name} key`
            }
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.target.value.trim())}
            hint={`${info.keyHint} Write-only: it is never shown again.`}
            error={keyError}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" isLoading={save.isPending && save.variables !== ""} disabled={!key}>
              Save key
            </Button>
            <Button
              type="button"
              variant="secondary"
              isLoading={test.isPending}
              disabled={!key && !canTestStored}
              onClick={() => test.mutate()}
            >
              {key ? "Test this key" : "Test saved key"}
            </Button>
            {level.has_key && (
              <Button
                type="button"
                variant="ghost"
                isLoading={save.isPending && save.variables === ""}
                onClick={() => save.mutate("")}
              >
                Remove key
              </Button>
            )}
          </div>
        </form>
      ) : (
        settings.has_key && (
          <div>
            <Button type="button" variant="secondary" isLoading={test.isPending} onClick={() => test.mutate()}>
              Test key in use
            </Button>
          </div>
        )
      )}
      {save.isError && !keyError && (
        <Alert tone="error" title="The key was not saved">
          {save.error.message}
        </Alert>
      )}
      {test.isError && (
        <Alert tone="error" title="The test could not run">
          {test.error.message}
        </Alert>
      )}
      {result && <TestResult result={result} name={info.name} />}
    </section>
  );
}

function TestResult({ result, name }: { result: KeyTestResultDto; name: string }) {
  const which =
    result.tested === "candidate"
      ? "The key you typed"
      : result.tested === "account"
        ? "Your account's key"
        : "The platform key";
  if (result.ok) {
    return (
      <Alert tone="success" title={`${which} works`}>
        {result.models_available?.length ? `${result.models_available.length} models available.` : result.message}
        {result.tested === "candidate" && " Press Save key to keep it."}
      </Alert>
    );
  }
  const fixes: Record<string, string> = {
    auth_failed: `${name} rejected the key: copy it again from your ${name} dashboard (it may be revoked or mistyped).`,
    quota_exceeded: `The ${name} account behind the key has no credit left: add credit with ${name}.`,
    rate_limited: `${name} asked us to slow down${result.retry_after_seconds ? `: try again in ${result.retry_after_seconds} seconds` : ""}.`,
    unreachable: `${name} did not answer: try again in a minute.`,
    invalid_response: `${name} answered something unexpected: try again; if a gateway sits in between, check it.`,
  };
  return (
    <Alert tone="error" title={`${which} does not work`}>
      <p>{result.message}</p>
      {result.code && fixes[result.code] && <p className="mt-1">{fixes[result.code]}</p>}
    </Alert>
  );
}
