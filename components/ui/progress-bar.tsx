/** A labelled progress bar; without `max` it shows an indeterminate (still counting) state. */
export function ProgressBar({
  label,
  value,
  max,
  tone = "brand",
}: {
  label: string;
  value: number;
  max: number | null;
  tone?: "brand" | "green" | "amber" | "red";
}) {
  const isDeterminate = max !== null && max > 0;
  const percent = isDeterminate ? Math.min(100, Math.round((value / max) * 100)) : 0;
  const fill = { brand: "bg-brand-600", green: "bg-green-600", amber: "bg-amber-500", red: "bg-red-600" }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={isDeterminate ? max : undefined}
      aria-valuenow={isDeterminate ? Math.min(value, max) : undefined}
      aria-valuetext={isDeterminate ? `${value} of ${max} (${percent}%)` : `${value} so far`}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 ${fill} ${isDeterminate ? "" : "w-1/3 animate-pulse"}`}
        style={isDeterminate ? { width: `${percent}%` } : undefined}
      />
    </div>
  );
}
