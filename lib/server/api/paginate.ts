import "server-only";
import type { Page, PaginationQuery } from "@/lib/schemas/common";

/** The Django REST Framework list shape of the original API: { count, next, previous, results }. */
export function toPage<T>(req: Request, query: PaginationQuery, count: number, results: T[]): Page<T> {
  const link = (page: number) => {
    const url = new URL(req.url);
    url.searchParams.set("page", String(page));
    url.searchParams.set("page_size", String(query.page_size));
    return url.pathname + url.search;
  };
  const lastPage = Math.max(1, Math.ceil(count / query.page_size));
  return {
    count,
    next: query.page < lastPage ? link(query.page + 1) : null,
    previous: query.page > 1 ? link(Math.min(query.page - 1, lastPage)) : null,
    results,
  };
}

export const offsetOf = (query: PaginationQuery) => (query.page - 1) * query.page_size;
