import "server-only";
import type { Content } from "@/db/tables";
import { savePullCursor } from "@/db/queries/sync";
import { noteSyncedRows } from "@/db/statistics";
import type { ChangeCursor, ItemPage, RemoteItem } from "@/lib/platforms/types";
import { createLimiter, mapWithConcurrency } from "@/lib/server/concurrency";
import { applyConflictPolicies } from "./conflicts";
import type { SyncContext } from "./context";
import { applyPulledItems, type PullState } from "./apply-pulled";
import { listOurs, markRemoteDeleted, reconcile } from "./pull-by-id";
import { loadTermIndex, pullTaxonomies } from "./taxonomies";

/** Resume point of a pull, stored in the run's checkpoint after every page. */
export type PullCheckpoint = {
  /** Content types finished in this run. */
  doneTypes: string[];
  /** The full listing of the current type: its cursor for later pulls and the pages already stored. */
  full?: { type: string; head: ChangeCursor; donePages: number[] };
};

export type PullProgress = {
  checkpoint: PullCheckpoint;
  /** Called after every stored page; persists progress and renews the run's lease. */
  report: (delta: { processed: number; total?: number }) => Promise<void>;
};

/** post, page, and the custom types enabled in the integration's config (`post_types`) the platform has. */
export function pullContentTypes(ctx: SyncContext): Content["contentType"][] {
  const configured = (ctx.integration.configJson as { post_types?: unknown }).post_types;
  const extra = Array.isArray(configured) ? configured.filter((t): t is "product" => t === "product") : [];
  return (["post", "page", ...extra] as const).filter((type) => ctx.adapter.capabilities.contentTypes.includes(type));
}

const storedCursor = (ctx: SyncContext, type: string) =>
  (ctx.integration.pullCursor as Record<string, ChangeCursor | undefined>)[type];

/** Stores a page's items by type; counts what changed and applies the policy to any conflict. */
async function store(ctx: SyncContext, state: PullState, type: Content["contentType"], items: RemoteItem[]) {
  const { results, conflicts } = await applyPulledItems(ctx, state, type, items);
  await applyConflictPolicies(ctx, conflicts);
  const touched = results.filter((r) => r.action !== "unchanged").length;
  await noteSyncedRows(ctx.db, touched);
  return touched;
}

/**
 * Pulls every content type: taxonomies first, then per type a full listing (no cursor yet, or
 * `full`) or the changes since its stored cursor. Resumable from `checkpoint`.
 */
export async function pullAll(ctx: SyncContext, options: { full: boolean; progress: PullProgress }) {
  const { checkpoint } = options.progress;
  const types = pullContentTypes(ctx).filter((type) => !checkpoint.doneTypes.includes(type));
  const isFullOf = (type: string) => options.full || !storedCursor(ctx, type) || checkpoint.full?.type === type;
  // The heads of the full listings are read while the terms come in: before any page, as they must be.
  const heads = new Map(
    types
      .filter((type) => isFullOf(type) && checkpoint.full?.type !== type)
      .map((type) => [type, ctx.session.readHead(type)]),
  );
  // What we held before the listings, read before any page is stored (what a listing stores is in
  // its seen set): on a first pull nothing, so the check after the last page scans nothing.
  const ours = new Map([...heads.keys()].map((type) => [type, listOurs(ctx, type)]));
  // Awaited by pullFull; a failure elsewhere must not leave it unhandled.
  for (const pending of [...heads.values(), ...ours.values()]) pending.catch(() => {});
  // Terms first for full listings (their pages are fetched meanwhile, and stored once the terms are
  // in); changes refresh them only when an unknown term shows up.
  const state: Promise<PullState> = types.some(isFullOf)
    ? pullTaxonomies(ctx).then((terms) => ({ terms, refreshedTerms: true }))
    : loadTermIndex(ctx).then((terms) => ({ terms, refreshedTerms: false }));
  state.catch(() => {});
  if (types.length > 0 && !types.some(isFullOf)) {
    const touched = await pullChanges(ctx, await state, types, options.progress);
    checkpoint.doneTypes.push(...types);
    await options.progress.report({ processed: 0 });
    return { touched };
  }
  let touched = 0;
  // A full listing's first page is asked for once the type before it has been read (while that
  // type's last pages are still being stored), after its own head, as every page must be.
  let nextFirst: Promise<ItemPage> | undefined;
  for (const [index, type] of types.entries()) {
    const first = nextFirst;
    nextFirst = undefined;
    const following = types[index + 1];
    const head = following ? heads.get(following) : undefined;
    const listed = head
      ? () => {
          nextFirst = head.then(() => ctx.session.listItems(following, 1));
          nextFirst.catch(() => {});
        }
      : undefined;
    touched += isFullOf(type)
      ? await pullFull(ctx, state, type, options.progress, {
          head: heads.get(type),
          ours: ours.get(type),
          first,
          listed,
        })
      : await pullChanges(ctx, await state, [type], options.progress);
    checkpoint.doneTypes.push(type);
    checkpoint.full = undefined;
    await options.progress.report({ processed: 0 });
  }
  return { touched };
}

/**
 * Every item, page by page in the platform's stable order, pages fetched in parallel up to the
 * site's concurrency cap. Afterwards our items not seen are checked by id: trashed, deleted, or
 * still there (then pulled).
 */
async function pullFull(
  ctx: SyncContext,
  state: Promise<PullState>,
  type: Content["contentType"],
  progress: PullProgress,
  early: {
    head?: Promise<ChangeCursor>;
    ours?: ReturnType<typeof listOurs>;
    /** Page 1, asked for already. */
    first?: Promise<ItemPage>;
    /** Called once every page has been read (some may still be being stored). */
    listed?: () => void;
  } = {},
): Promise<number> {
  const resumed = progress.checkpoint.full?.type === type ? progress.checkpoint.full : undefined;
  const ours = early.ours ?? listOurs(ctx, type);
  ours.catch(() => {});
  const full = resumed ?? { type, head: await (early.head ?? ctx.session.readHead(type)), donePages: [] };
  progress.checkpoint.full = full;
  const seen = new Set<string>();
  let touched = 0;
  const storePage = async (page: number, items: RemoteItem[]) => {
    for (const item of items) seen.add(item.externalId);
    touched += await store(ctx, await state, type, items);
    full.donePages.push(page);
    await progress.report({ processed: items.length });
  };

  const first = await (early.first ?? ctx.session.listItems(type, 1));
  await progress.report({ processed: 0, total: first.total });
  // Lanes fetch while up to two writers store pages as they arrive (PostgreSQL overlaps them; the
  // embedded database takes them in turn); a lane that finds more than `concurrency` pages not yet
  // stored waits for its own, so memory stays bounded.
  const writers = createLimiter(2);
  const storing = new Set<Promise<void>>();
  let failed = false;
  const enqueue = (page: number, items: RemoteItem[]) => {
    const stored = writers.acquire().then(async (release) => {
      try {
        await storePage(page, items);
      } finally {
        release();
      }
    });
    storing.add(stored);
    // A failed store stays in `storing` and is rethrown below; the lanes stop fetching.
    stored.then(
      () => storing.delete(stored),
      () => (failed = true),
    );
    return stored;
  };
  if (!full.donePages.includes(1)) enqueue(1, first.items);
  const rest = Array.from({ length: Math.max(0, first.pages - 1) }, (_, i) => i + 2).filter(
    (p) => !full.donePages.includes(p),
  );
  await mapWithConcurrency(rest, ctx.concurrency, async (page) => {
    if (failed) return;
    const stored = enqueue(page, (await ctx.session.listItems(type, page)).items);
    if (storing.size > ctx.concurrency) await stored;
  });
  if (!failed) early.listed?.();
  await Promise.all(storing);

  const reconciled = await reconcile(ctx, await state, type, seen, ours);
  await applyConflictPolicies(ctx, reconciled.conflicts);
  await savePullCursor(ctx.db, { id: ctx.integration.id, contentType: type, cursor: full.head });
  return touched + reconciled.touched;
}

/**
 * Items changed since the types' cursors, oldest first; each cursor is saved after every page.
 * Where the walk listed every id of a type, our items missing from it are checked by id.
 */
async function pullChanges(
  ctx: SyncContext,
  state: PullState,
  types: Content["contentType"][],
  progress: PullProgress,
) {
  const cursors = Object.fromEntries(types.map((type) => [type, storedCursor(ctx, type)]));
  const present = new Map<string, Set<string>>();
  let touched = 0;
  for await (const page of ctx.session.listChanges({ contentTypes: types, cursors })) {
    for (const [type, ids] of Object.entries(page.present ?? {})) present.set(type, new Set(ids));
    for (const type of types) {
      const items = page.items.filter((item) => item.contentType === type);
      if (items.length) touched += await store(ctx, state, type, items);
      const deleted = page.deleted.filter((item) => item.contentType === type).map((item) => item.externalId);
      if (deleted.length) touched += await markRemoteDeleted(ctx, type, deleted);
    }
    for (const [type, cursor] of Object.entries(page.cursors)) {
      await savePullCursor(ctx.db, { id: ctx.integration.id, contentType: type, cursor });
    }
    await progress.report({ processed: page.items.length, total: page.total });
  }
  // Our items the platform's listing no longer has: read by id, deleted when gone (no webhook told us).
  for (const [type, ids] of present) {
    if (!types.includes(type as Content["contentType"])) continue;
    const reconciled = await reconcile(ctx, state, type as Content["contentType"], ids);
    await applyConflictPolicies(ctx, reconciled.conflicts);
    touched += reconciled.touched;
  }
  return touched;
}
