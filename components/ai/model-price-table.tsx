"use client";

import { Fragment, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import type { AiModelDto } from "@/lib/schemas/ai-models";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { providerInfo } from "./provider-key-card";

/** "$2.50", "$0.075", "$0.0006": at least cents, never a digit dropped. */
function usd(value: string | null) {
  if (value === null) return "—";
  const [whole, fraction = ""] = value.split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

function ImagePriceList({ prices }: { prices: AiModelDto["image_prices"] }) {
  if (!prices) return <>—</>;
  const entries = Object.entries(prices).flatMap(([size, byQuality]) =>
    Object.entries(byQuality).map(([quality, price]) => ({
      label: [size === "*" ? "" : size.replace("x", "×"), quality === "*" ? "" : quality].filter(Boolean).join(" "),
      price,
    })),
  );
  return (
    <ul className="flex flex-col gap-0.5">
      {entries.map((e) => (
        <li key={e.label || "any"}>
          {e.label && <span className="text-slate-600">{e.label}: </span>}
          {usd(e.price)}
        </li>
      ))}
    </ul>
  );
}

/** The Model Registry's prices; system admins edit a row in place (every edit is kept in the history). */
export function ModelPriceTable({ initialModels, canEdit }: { initialModels: AiModelDto[]; canEdit: boolean }) {
  const [models, setModels] = useState(initialModels);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">AI models and their prices in USD</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Model
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Provider
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Input / 1M tokens
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Output / 1M tokens
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Cached input / 1M
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Per image
            </th>
            {canEdit && (
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {models.map((m) => (
            <Fragment key={m.id}>
              <tr className={m.is_active ? "" : "text-slate-500"}>
                <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                  {m.display_name} <span className="font-mono text-xs font-normal text-slate-600">{m.id}</span>
                  {!m.is_active && (
                    <span className="ml-2">
                      <Badge>Inactive</Badge>
                    </span>
                  )}
                </th>
                <td className="px-4 py-2">{providerInfo[m.provider].name}</td>
                <td className="px-4 py-2 tabular-nums">{usd(m.input_usd_per_million)}</td>
                <td className="px-4 py-2 tabular-nums">{usd(m.output_usd_per_million)}</td>
                <td className="px-4 py-2 tabular-nums">{usd(m.cached_input_usd_per_million)}</td>
                <td className="px-4 py-2 tabular-nums">
                  {m.type === "image" ? <ImagePriceList prices={m.image_prices} /> : "—"}
                </td>
                {canEdit && (
                  <td className="px-4 py-2 text-right">
                    <Button
                      variant="secondary"
                      aria-label={`Edit prices of ${m.display_name}`}
                      aria-expanded={editing === m.id}
                      onClick={() => setEditing(editing === m.id ? null : m.id)}
                    >
                      {editing === m.id ? "Close" : "Edit"}
                    </Button>
                  </td>
                )}
              </tr>
              {canEdit && editing === m.id && (
                <tr>
                  <td colSpan={7} className="bg-slate-50 px-4 py-4">
                    <PriceEditor
                      model={m}
                      onSaved={(next) => {
                        setModels((all) => all.map((x) => (x.id === next.id ? next : x)));
                        setEditing(null);
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PriceEditor({ model, onSaved }: { model: AiModelDto; onSaved: (next: AiModelDto) => void }) {
  const [input, setInput] = useState(model.input_usd_per_million ?? "");
  const [output, setOutput] = useState(model.output_usd_per_million ?? "");
  const [cached, setCached] = useState(model.cached_input_usd_per_million ?? "");
  const [imagePrices, setImagePrices] = useState(model.image_prices ?? {});
  const [source, setSource] = useState("");
  const [isActive, setIsActive] = useState(model.is_active);
  const save = useMutation({
    mutationFn: () =>
      apiFetch<AiModelDto>(`/api/v1/ai/models/${encodeURIComponent(model.id)}/`, {
        method: "PATCH",
        json:
          model.type === "text"
            ? {
                input_usd_per_million: input,
                output_usd_per_million: output,
                cached_input_usd_per_million: cached || null,
                is_active: isActive,
                source,
              }
            : { image_prices: imagePrices, is_active: isActive, source },
      }),
    onSuccess: onSaved,
  });
  const errors = fieldErrors(save.error);
  const prefix = `price-${model.id.replace(/[^\w-]/g, "_")}`;

  return (
    <form
      className="flex flex-col gap-3"
      aria-label={`Prices of ${model.display_name}`}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="text-xs text-slate-600">Current source: {model.source}</p>
      <div className="grid gap-3 md:grid-cols-3">
        {model.type === "text" ? (
          <>
            <Field
              id={`${prefix}-input`}
              label="Input USD per 1M tokens"
              inputMode="decimal"
              required
              value={input}
              error={errors.input_usd_per_million}
              onChange={(e) => setInput(e.target.value)}
            />
            <Field
              id={`${prefix}-output`}
              label="Output USD per 1M tokens"
              inputMode="decimal"
              required
              value={output}
              error={errors.output_usd_per_million}
              onChange={(e) => setOutput(e.target.value)}
            />
            <Field
              id={`${prefix}-cached`}
              label="Cached input USD per 1M tokens"
              inputMode="decimal"
              hint="Empty: cached tokens cost the input rate."
              value={cached}
              error={errors.cached_input_usd_per_million}
              onChange={(e) => setCached(e.target.value)}
            />
          </>
        ) : (
          Object.entries(imagePrices).flatMap(([size, byQuality]) =>
            Object.entries(byQuality).map(([quality, price]) => (
              <Field
                key={`${size}-${quality}`}
                id={`${prefix}-${size}-${quality}`.replace(/\*/g, "any")}
                label={`USD per image${size === "*" ? "" : `, ${size}`}${quality === "*" ? "" : `, ${quality}`}`}
                inputMode="decimal"
                required
                value={price}
                error={errors[`image_prices.${size}.${quality}`]}
                onChange={(e) =>
                  setImagePrices((all) => ({ ...all, [size]: { ...all[size], [quality]: e.target.value } }))
                }
              />
            )),
          )
        )}
      </div>
      <Field
        id={`${prefix}-source`}
        label="Source of the new price"
        placeholder="https://… (pricing page, date)"
        required
        value={source}
        error={errors.source}
        onChange={(e) => setSource(e.target.value)}
      />
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} className="size-4" />
        Active (inactive models cannot be used or priced)
      </label>
      {save.isError && !Object.keys(errors).length && <Alert tone="error">{save.error.message}</Alert>}
      <div>
        <Button type="submit" isLoading={save.isPending}>
          Save prices
        </Button>
      </div>
    </form>
  );
}
