"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { AiSettingsDto } from "@/lib/schemas/ai";
import type { AiModelDto } from "@/lib/schemas/ai-models";
import type { MonthlyUsageDto } from "@/lib/schemas/ai-generation";
import { aiProviders } from "@/lib/ai/types";
import { Alert } from "@/components/ui/alert";
import { DefaultModelsForm } from "./default-models-form";
import { ModelPriceTable } from "./model-price-table";
import { ProviderKeyCard } from "./provider-key-card";

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** The AI providers section: keys per provider, default models, this month's spend and the price table. */
export function AiSettingsPanel({
  initialSettings,
  models,
  usage,
}: {
  initialSettings: AiSettingsDto;
  models: AiModelDto[];
  usage: MonthlyUsageDto;
}) {
  const router = useRouter();
  const [settings, setSettings] = useState(initialSettings);
  const { edit_account: canEditAccount, edit_global: canEditGlobal } = settings.permissions;
  const [scope, setScope] = useState<"account" | "global">(canEditAccount || !canEditGlobal ? "account" : "global");
  const canEdit = scope === "account" ? canEditAccount : canEditGlobal;
  const onSaved = (next: AiSettingsDto) => {
    setSettings(next);
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-4 md:grid-cols-[1fr_auto] md:items-start">
        <p className="max-w-2xl text-sm text-slate-700">
          Each AI call uses your account&apos;s own key for the provider when you set one, otherwise the platform key.
          Keys are encrypted and never shown again: only their last 4 characters.
        </p>
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm" data-testid="ai-spend">
          <p className="text-slate-600">AI spend in {monthName(usage.month)}</p>
          <p className="text-xl font-semibold tabular-nums text-slate-900">${usage.cost_usd}</p>
          <p className="text-xs text-slate-600">
            {usage.calls} {usage.calls === 1 ? "call" : "calls"} · {usage.input_tokens + usage.output_tokens} tokens ·{" "}
            {usage.images} {usage.images === 1 ? "image" : "images"}
          </p>
        </div>
      </div>

      {canEditGlobal && (
        <fieldset className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="sr-only">Which settings to edit</legend>
          <span className="font-medium text-slate-800" aria-hidden>
            Editing:
          </span>
          {canEditAccount && (
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="ai-scope"
                value="account"
                checked={scope === "account"}
                onChange={() => setScope("account")}
                className="size-4"
              />
              Your account
            </label>
          )}
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="ai-scope"
              value="global"
              checked={scope === "global"}
              onChange={() => setScope("global")}
              className="size-4"
            />
            Platform (every account without its own key)
          </label>
        </fieldset>
      )}
      {!canEditAccount && !canEditGlobal && (
        <Alert tone="info">
          Only the account owner can change keys and default models. You can see what is in use and test it.
        </Alert>
      )}

      <div className="grid gap-4 md:grid-cols-2" key={scope}>
        {aiProviders.map((provider) => (
          <ProviderKeyCard
            key={provider}
            provider={provider}
            settings={settings.providers[provider]}
            scope={scope}
            canEdit={canEdit}
            onSaved={onSaved}
          />
        ))}
      </div>

      <section
        aria-labelledby="ai-defaults-heading"
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h3 id="ai-defaults-heading" className="mb-1 text-base font-semibold text-slate-900">
          Default models {scope === "global" ? "of the platform" : "of your account"}
        </h3>
        <p className="mb-4 text-sm text-slate-600">
          {scope === "account"
            ? "Leave a choice on the platform default to follow the platform."
            : "Used by every account that has not chosen its own."}
        </p>
        <DefaultModelsForm
          key={scope}
          settings={settings}
          models={models}
          scope={scope}
          canEdit={canEdit}
          onSaved={onSaved}
        />
      </section>

      <section aria-labelledby="ai-prices-heading">
        <h3 id="ai-prices-heading" className="mb-1 text-base font-semibold text-slate-900">
          Model prices
        </h3>
        <p className="mb-3 text-sm text-slate-600">
          Every AI call is priced from this table, in USD, at the rate in force when it ran.
          {canEditGlobal ? " As a system admin you can edit a price; each edit is kept." : ""}
        </p>
        <ModelPriceTable initialModels={models} canEdit={canEditGlobal} />
      </section>
    </div>
  );
}
