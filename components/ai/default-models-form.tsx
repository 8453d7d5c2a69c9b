"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import type { AiSettingsDto } from "@/lib/schemas/ai";
import type { AiModelDto } from "@/lib/schemas/ai-models";
import { imageProviders, type ImageProviderId } from "@/lib/ai/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { providerInfo } from "./provider-key-card";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 disabled:text-slate-600";

const sourceText = (source: string) =>
  source === "account" ? "your account's choice" : source === "global" ? "the platform default" : "not set";

function SelectField({
  id,
  label,
  hint,
  error,
  value,
  disabled,
  onChange,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        className={`${selectClass} ${error ? "border-red-500" : ""}`}
        value={value}
        disabled={disabled}
        aria-invalid={!!error || undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Default text model, image provider and image model of one level, fed by the Model Registry. */
export function DefaultModelsForm({
  settings,
  models,
  scope,
  canEdit,
  onSaved,
}: {
  settings: AiSettingsDto;
  models: AiModelDto[];
  scope: "account" | "global";
  canEdit: boolean;
  onSaved: (next: AiSettingsDto) => void;
}) {
  const level = scope === "account" ? settings.account_defaults : settings.global_defaults;
  const [text, setText] = useState(level.default_text_model ?? "");
  const [provider, setProvider] = useState<string>(level.default_image_provider ?? "");
  const [image, setImage] = useState(level.default_image_model ?? "");
  const [saved, setSaved] = useState(false);
  const active = models.filter((m) => m.is_active);
  const textModels = active.filter((m) => m.type === "text");
  const imageModels = active.filter((m) => m.type === "image" && (!provider || m.provider === provider));
  const nameOf = (id: string | null) => models.find((m) => m.id === id)?.display_name ?? id ?? "none";
  const inherit = scope === "account";

  const save = useMutation({
    mutationFn: () =>
      apiFetch<AiSettingsDto>("/api/v1/settings/ai/", {
        method: "PUT",
        json: {
          scope,
          default_text_model: text || null,
          default_image_provider: provider || null,
          default_image_model: image || null,
        },
      }),
    onSuccess: (next) => {
      setSaved(true);
      onSaved(next);
    },
  });
  const errors = fieldErrors(save.error);
  const platform = settings.global_defaults;

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate();
      }}
    >
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          id={`default-text-model-${scope}`}
          label="Default text model"
          hint={`In use: ${nameOf(settings.defaults.text_model.value)} (${sourceText(settings.defaults.text_model.source)}).`}
          error={errors.default_text_model}
          value={text}
          disabled={!canEdit}
          onChange={setText}
        >
          <option value="">{inherit ? `Platform default (${nameOf(platform.default_text_model)})` : "None"}</option>
          {textModels.map((m) => (
            <option key={m.id} value={m.id}>
              {m.display_name} · {providerInfo[m.provider].name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`default-image-provider-${scope}`}
          label="Default image provider"
          hint={`In use: ${settings.defaults.image_provider.value ? providerInfo[settings.defaults.image_provider.value as ImageProviderId].name : "none"} (${sourceText(settings.defaults.image_provider.source)}).`}
          error={errors.default_image_provider}
          value={provider}
          disabled={!canEdit}
          onChange={(value) => {
            setProvider(value);
            if (value && models.find((m) => m.id === image)?.provider !== value) setImage("");
          }}
        >
          <option value="">
            {inherit
              ? `Platform default (${platform.default_image_provider ? providerInfo[platform.default_image_provider].name : "none"})`
              : "None"}
          </option>
          {imageProviders.map((p) => (
            <option key={p} value={p}>
              {providerInfo[p].name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`default-image-model-${scope}`}
          label="Default image model"
          hint={`In use: ${nameOf(settings.defaults.image_model.value)} (${sourceText(settings.defaults.image_model.source)}).`}
          error={errors.default_image_model}
          value={image}
          disabled={!canEdit}
          onChange={setImage}
        >
          <option value="">
            {inherit
              ? provider
                ? `First ${providerInfo[provider as ImageProviderId].name} model`
                : `Platform default (${nameOf(platform.default_image_model)})`
              : "None"}
          </option>
          {imageModels.map((m) => (
            <option key={m.id} value={m.id}>
              {m.display_name} · {providerInfo[m.provider].name}
            </option>
          ))}
        </SelectField>
      </div>
      {save.isError && !Object.keys(errors).length && <Alert tone="error">{save.error.message}</Alert>}
      {saved && !save.isPending && <Alert tone="success">Default models saved.</Alert>}
      {canEdit && (
        <div>
          <Button type="submit" isLoading={save.isPending}>
            Save defaults
          </Button>
        </div>
      )}
    </form>
  );
}
