"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import { WEEKDAYS, type PublishingSettingsDto } from "@/lib/schemas/publishing";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { SlotsEditor, type Slot } from "./slots-editor";

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

const LIMITS = [
  { key: "daily_publish_limit", label: "Per day", hint: "Midnight to midnight" },
  { key: "weekly_publish_limit", label: "Per week", hint: "Weeks start on Monday" },
  { key: "monthly_publish_limit", label: "Per month", hint: "Calendar months" },
] as const;

type Form = {
  auto_approval_enabled: boolean;
  auto_publish_enabled: boolean;
  daily_publish_limit: string;
  weekly_publish_limit: string;
  monthly_publish_limit: string;
  publish_days: string[];
  publish_time_slots: Slot[];
  timezone: string;
};

const toForm = (s: PublishingSettingsDto): Form => ({
  auto_approval_enabled: s.auto_approval_enabled,
  auto_publish_enabled: s.auto_publish_enabled,
  publish_days: s.publish_days,
  timezone: s.timezone,
  daily_publish_limit: String(s.daily_publish_limit),
  weekly_publish_limit: String(s.weekly_publish_limit),
  monthly_publish_limit: String(s.monthly_publish_limit),
  publish_time_slots: s.publish_time_slots.map((slot) => ({ ...slot })),
});

/** Numbers as typed: an empty or non-numeric field goes as null, so the API names the problem. */
const asNumber = (value: string) => (value.trim() === "" || Number.isNaN(Number(value)) ? null : Number(value));

export function PublishingSettingsForm({
  siteId,
  initial,
  timeZones,
  isEditable,
  onSaved,
}: {
  siteId: string;
  initial: PublishingSettingsDto;
  timeZones: string[];
  isEditable: boolean;
  onSaved: (saved: PublishingSettingsDto) => void;
}) {
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const save = useMutation({
    mutationFn: () =>
      apiFetch<PublishingSettingsDto>(`/api/v1/sites/${siteId}/publishing_settings/`, {
        method: "PUT",
        json: {
          ...form,
          daily_publish_limit: asNumber(form.daily_publish_limit),
          weekly_publish_limit: asNumber(form.weekly_publish_limit),
          monthly_publish_limit: asNumber(form.monthly_publish_limit),
        },
      }),
    onSuccess: (saved) => {
      setForm(toForm(saved));
      onSaved(saved);
    },
  });
  const errors = fieldErrors(save.error);
  const isFieldError = Object.keys(errors).some((field) => Object.keys(form).includes(field.split(".")[0]));
  const errorUnder = (prefix: string) =>
    Object.entries(errors).find(([field]) => field === prefix || field.startsWith(`${prefix}.`))?.[1];
  const zones = timeZones.includes(form.timezone) ? timeZones : [form.timezone, ...timeZones];
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      aria-label="Publishing settings"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {!isEditable && <Alert tone="info">Only owners and admins can change these settings.</Alert>}
      {save.isError && (
        <Alert tone="error" title="The settings were not saved">
          {isFieldError ? "Fix the fields marked below." : save.error.message}
        </Alert>
      )}
      {save.isSuccess && <Alert tone="success">Saved. The schedule is updated.</Alert>}

      <fieldset className="flex flex-col gap-3" disabled={!isEditable}>
        <legend className="mb-2 text-sm font-semibold text-slate-900">Automation</legend>
        <Toggle
          id="auto-approval"
          label="Approve content automatically when it reaches review"
          checked={form.auto_approval_enabled}
          onChange={(v) => set("auto_approval_enabled", v)}
        />
        <Toggle
          id="auto-publish"
          label="Publish approved content automatically, within the limits below"
          checked={form.auto_publish_enabled}
          onChange={(v) => set("auto_publish_enabled", v)}
        />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3" disabled={!isEditable}>
        <legend className="mb-2 text-sm font-semibold text-slate-900">Limits (0 = none)</legend>
        {LIMITS.map(({ key, label, hint }) => (
          <Field
            key={key}
            id={key}
            label={label}
            hint={hint}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={form[key]}
            error={errors[key]}
            onChange={(e) => set(key, e.target.value)}
          />
        ))}
      </fieldset>

      <fieldset disabled={!isEditable} aria-describedby={errorUnder("publish_days") ? "publish-days-error" : undefined}>
        <legend className="mb-2 text-sm font-semibold text-slate-900">Publish on</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {WEEKDAYS.map((day) => (
            <label key={day} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-400 text-brand-600 focus:ring-2 focus:ring-brand-100"
                checked={form.publish_days.includes(day)}
                onChange={(e) =>
                  set(
                    "publish_days",
                    e.target.checked
                      ? WEEKDAYS.filter((d) => d === day || form.publish_days.includes(d))
                      : form.publish_days.filter((d) => d !== day),
                  )
                }
              />
              {DAY_NAMES[day]}
            </label>
          ))}
        </div>
        {errorUnder("publish_days") && (
          <p id="publish-days-error" className="mt-1 text-xs font-medium text-red-700">
            {errorUnder("publish_days")}
          </p>
        )}
        {!form.publish_days.length && !errorUnder("publish_days") && (
          <p className="mt-1 text-xs text-amber-800">No day is selected: nothing will be published automatically.</p>
        )}
      </fieldset>

      <SlotsEditor
        slots={form.publish_time_slots}
        errors={errors}
        isEditable={isEditable}
        onChange={(slots) => set("publish_time_slots", slots)}
      />

      <SelectField
        id="timezone"
        label="Time zone"
        hint="Days, time slots and limits are counted in this zone."
        value={form.timezone}
        error={errors.timezone}
        disabled={!isEditable}
        onChange={(e) => set("timezone", e.target.value)}
        options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
      />

      {isEditable && (
        <Button type="submit" isLoading={save.isPending} className="self-start">
          Save settings
        </Button>
      )}
    </form>
  );
}

function Toggle({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <label htmlFor={id} className="inline-flex items-center gap-3 text-sm text-slate-800">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        className="size-4 rounded border-slate-400 text-brand-600 focus:ring-2 focus:ring-brand-100"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}
