import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { listSiteContent } from "@/lib/server/services/content";
import { listSiteIntegrationDtos } from "@/lib/server/services/site-integrations";
import { uuidSchema } from "@/lib/schemas/common";
import { listContentQuerySchema } from "@/lib/schemas/content";
import { Alert } from "@/components/ui/alert";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { SelectField } from "@/components/ui/select";
import { ContentTable } from "@/components/content/content-table";
import { toSiteDestination } from "@/components/content/destinations";

export const metadata: Metadata = { title: "Content" };

const buttonLink =
  "inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700";

export default async function ContentListPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const auth = await requirePageAuth();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const site = await findSite(db, auth.accountId, id);
  if (!site) notFound();

  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""),
  ) as Record<string, string>;
  const parsed = listContentQuerySchema.safeParse({ ...raw, page_size: 20 });
  const query = parsed.success ? parsed.data : listContentQuerySchema.parse({ page_size: 20 });
  const [{ count, results }, integrations] = await Promise.all([
    listSiteContent(db, auth.accountId, id, query),
    listSiteIntegrationDtos(db, auth.accountId, id),
  ]);
  const isFiltered = !!(query.status || query.content_type || query.search);
  const hrefFor = (page: number) => `?${new URLSearchParams({ ...raw, page: String(page) })}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/sites" className="text-brand-700 underline">
          Sites
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}`} className="text-brand-700 underline">
          {site.name}
        </Link>
      </nav>
      <PageHeader
        title="Content"
        description={`Posts, pages and products of ${site.name}.`}
        actions={
          <div className="flex gap-3">
            <Link
              href={`/sites/${id}/sync`}
              className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Sync Dashboard
            </Link>
            <Link href={`/sites/${id}/content/new`} className={buttonLink}>
              New content
            </Link>
          </div>
        }
      />
      {!parsed.success && (
        <Alert tone="warning">Some filters in the address were not understood and were ignored.</Alert>
      )}
      <form
        method="get"
        role="search"
        aria-label="Filter content"
        className="mb-4 mt-2 grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[2fr_1fr_1fr_auto]"
      >
        <Field id="filter-search" name="search" label="Search titles" type="search" defaultValue={query.search ?? ""} />
        <SelectField
          id="filter-status"
          name="status"
          label="Status"
          defaultValue={query.status ?? ""}
          options={[
            { value: "", label: "Any status" },
            { value: "draft", label: "Draft" },
            { value: "review", label: "In review" },
            { value: "approved", label: "Approved" },
            { value: "scheduled", label: "Scheduled" },
            { value: "published", label: "Published" },
          ]}
        />
        <SelectField
          id="filter-type"
          name="content_type"
          label="Type"
          defaultValue={query.content_type ?? ""}
          options={[
            { value: "", label: "Any type" },
            { value: "post", label: "Posts" },
            { value: "page", label: "Pages" },
            { value: "product", label: "Products" },
          ]}
        />
        <div className="flex gap-2">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            Filter
          </button>
          {isFiltered && (
            <Link href={`/sites/${id}/content`} className="rounded-md px-3 py-2 text-sm text-brand-700 underline">
              Clear
            </Link>
          )}
        </div>
      </form>
      {count === 0 && !isFiltered ? (
        <EmptyState
          title="No content yet"
          action={
            <Link href={`/sites/${id}/content/new`} className={buttonLink}>
              Write the first item
            </Link>
          }
        >
          Write an item here, or pull the site&apos;s existing posts and pages on the Sync Dashboard.
        </EmptyState>
      ) : (
        <>
          <ContentTable
            key={JSON.stringify(raw)}
            siteId={id}
            destinations={integrations.map(toSiteDestination)}
            rows={results.map(({ id: rowId, title, status, content_type, references, updated_at }) => ({
              id: rowId,
              title,
              status,
              content_type,
              references,
              updated_at,
            }))}
          />
          <Pagination
            page={query.page}
            pageSize={query.page_size}
            count={count}
            hrefFor={hrefFor}
            label="Content pages"
          />
        </>
      )}
    </>
  );
}
