import Link from "next/link";

/** Previous/next links for a paged list; `hrefFor(page)` builds each page's address. */
export function Pagination({
  page,
  pageSize,
  count,
  hrefFor,
  label = "Pages",
}: {
  page: number;
  pageSize: number;
  count: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  const lastPage = Math.max(1, Math.ceil(count / pageSize));
  if (lastPage <= 1) return null;
  const link =
    "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 bg-white text-slate-800 hover:bg-slate-50";
  const disabled = "rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-200 text-slate-500";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link className={link} href={hrefFor(page - 1)}>
          ← Previous
        </Link>
      ) : (
        <span className={disabled} aria-disabled>
          ← Previous
        </span>
      )}
      <span className="text-slate-700">
        Page {Math.min(page, lastPage)} of {lastPage} · {count} items
      </span>
      {page < lastPage ? (
        <Link className={link} href={hrefFor(page + 1)}>
          Next →
        </Link>
      ) : (
        <span className={disabled} aria-disabled>
          Next →
        </span>
      )}
    </nav>
  );
}
