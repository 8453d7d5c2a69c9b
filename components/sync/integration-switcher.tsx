import Link from "next/link";

/** A site with several integrations: which one the dashboard shows, and links to the others. */
export function IntegrationSwitcher({
  siteId,
  current,
  integrations,
}: {
  siteId: string;
  current: string;
  integrations: { id: string; label: string }[];
}) {
  return (
    <nav aria-label="Integrations of this site" className="mb-4 flex flex-wrap gap-2 text-sm">
      {integrations.map((i) => (
        <Link
          key={i.id}
          href={`/sites/${siteId}/sync?integration=${i.id}`}
          aria-current={i.id === current ? "page" : undefined}
          className={`rounded-full px-3 py-1 ring-1 ${
            i.id === current
              ? "bg-brand-600 font-medium text-white ring-brand-600"
              : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"
          }`}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  );
}
