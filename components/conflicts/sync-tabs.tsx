import Link from "next/link";

/** Dashboard / Conflicts tabs of a site's sync pages; the count badge shows open conflicts. */
export function SyncTabs({
  siteId,
  active,
  openConflicts,
}: {
  siteId: string;
  active: "dashboard" | "conflicts";
  openConflicts: number;
}) {
  const tab = (key: "dashboard" | "conflicts", href: string, label: React.ReactNode) => (
    <Link
      href={href}
      aria-current={active === key ? "page" : undefined}
      className={`inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium ${active === key ? "border-brand-600 text-brand-700" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Sync sections" className="mb-6 flex gap-1 border-b border-slate-200">
      {tab("dashboard", `/sites/${siteId}/sync`, "Dashboard")}
      {tab(
        "conflicts",
        `/sites/${siteId}/sync/conflicts`,
        <>
          Conflicts
          <span
            data-testid="conflict-count"
            aria-label={`${openConflicts} open`}
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${openConflicts > 0 ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-700"}`}
          >
            {openConflicts}
          </span>
        </>,
      )}
    </nav>
  );
}
