/** Successful and failed sync events per day as a small stacked bar chart, with the numbers as a table for screen readers. */
export function EventsChart({ days }: { days: { day: string; success: number; failed: number }[] }) {
  const width = 560;
  const height = 120;
  const gap = 4;
  const barWidth = (width - gap * (days.length - 1)) / Math.max(days.length, 1);
  const top = Math.max(1, ...days.map((d) => d.success + d.failed));
  const scale = (n: number) => (n / top) * (height - 16);
  const total = days.reduce((sum, d) => sum + d.success + d.failed, 0);
  const label = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
        <span>
          Events per day, last {days.length} days ({total} in all)
        </span>
        <span className="flex gap-3 text-xs" aria-hidden>
          <span className="flex items-center gap-1">
            <span className="inline-block size-2.5 rounded-sm bg-green-600" /> succeeded
          </span>
          <span className="flex items-center gap-1">
            <span className="inline-block size-2.5 rounded-sm bg-red-600" /> failed
          </span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 18}`} className="h-auto w-full" aria-hidden focusable="false">
        <line x1={0} x2={width} y1={height} y2={height} className="stroke-slate-300" />
        {days.map((d, i) => {
          const x = i * (barWidth + gap);
          const ok = scale(d.success);
          const bad = scale(d.failed);
          return (
            <g key={d.day}>
              <rect x={x} y={height - ok} width={barWidth} height={ok} className="fill-green-600" rx={2} />
              <rect x={x} y={height - ok - bad} width={barWidth} height={bad} className="fill-red-600" rx={2} />
              {(i % 2 === days.length % 2 || days.length <= 7) && (
                <text x={x + barWidth / 2} y={height + 14} textAnchor="middle" className="fill-slate-600 text-[10px]">
                  {label(d.day)}
                </text>
              )}
            </g>
          );
        })}
        {total === 0 && (
          <text x={width / 2} y={height / 2} textAnchor="middle" className="fill-slate-600 text-sm">
            No events yet
          </text>
        )}
      </svg>
      <table className="sr-only">
        <caption>Sync events per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{d.success}</td>
              <td>{d.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
