"use client";

import { Button } from "@/components/ui/button";

export type Slot = { start: string; end: string };

/**
 * The day's time slots: each a start and an end (HH:MM, site time), added and removed freely.
 * Errors come keyed by the API's field path (publish_time_slots.1.end, publish_time_slots.1, …).
 */
export function SlotsEditor({
  slots,
  errors,
  isEditable,
  onChange,
}: {
  slots: Slot[];
  errors: Record<string, string>;
  isEditable: boolean;
  onChange: (slots: Slot[]) => void;
}) {
  const update = (index: number, patch: Partial<Slot>) =>
    onChange(slots.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)));
  const listError = errors.publish_time_slots;

  return (
    <fieldset disabled={!isEditable} className="flex flex-col gap-3">
      <legend className="mb-2 text-sm font-semibold text-slate-900">Time slots</legend>
      {slots.length === 0 && (
        <p className="text-xs text-amber-800">No time slot: nothing will be published automatically. Add one.</p>
      )}
      <ul className="flex flex-col gap-3">
        {slots.map((slot, i) => {
          const base = `publish_time_slots.${i}`;
          const startError = errors[`${base}.start`];
          const endError = errors[`${base}.end`];
          const rowError = errors[base];
          const describedBy = (own?: string, ownId?: string) =>
            [own && ownId, rowError && `${base}-error`].filter(Boolean).join(" ") || undefined;
          return (
            <li key={i} className="flex flex-col gap-1">
              <div className="flex flex-wrap items-end gap-3">
                <TimeInput
                  id={`slot-${i}-start`}
                  label={`Slot ${i + 1} start`}
                  value={slot.start}
                  error={startError}
                  describedBy={describedBy(startError, `slot-${i}-start-error`)}
                  onChange={(v) => update(i, { start: v })}
                />
                <TimeInput
                  id={`slot-${i}-end`}
                  label={`Slot ${i + 1} end`}
                  value={slot.end}
                  error={endError}
                  describedBy={describedBy(endError, `slot-${i}-end-error`)}
                  onChange={(v) => update(i, { end: v })}
                />
                {isEditable && (
                  <Button
                    variant="ghost"
                    aria-label={`Remove slot ${i + 1}`}
                    onClick={() => onChange(slots.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                )}
              </div>
              {rowError && (
                <p id={`${base}-error`} className="text-xs font-medium text-red-700">
                  Slot {i + 1} {rowError}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {listError && <p className="text-xs font-medium text-red-700">{listError}</p>}
      {isEditable && (
        <Button variant="secondary" className="self-start" onClick={() => onChange([...slots, nextSlot(slots)])}>
          Add a time slot
        </Button>
      )}
    </fieldset>
  );
}

/** A one-hour slot after the last one (or 09:00–10:00). */
function nextSlot(slots: Slot[]): Slot {
  const last = slots.at(-1);
  const start = last && /^\d\d:\d\d$/.test(last.end) && last.end < "23:00" ? last.end : "09:00";
  const hour = Number(start.slice(0, 2)) + 1;
  return { start, end: `${String(hour).padStart(2, "0")}:${start.slice(3)}` };
}

function TimeInput({
  id,
  label,
  value,
  error,
  describedBy,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  describedBy?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="time"
        value={value}
        aria-invalid={!!error || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        className={`rounded-md border px-3 py-2 text-sm tabular-nums shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 ${error ? "border-red-500" : "border-slate-300"}`}
      />
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
