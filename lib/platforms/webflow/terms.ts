import "server-only";
import { createHash } from "node:crypto";
import type { Webflow } from "webflow-api";
import { PlatformError, type PlatformSession, type RemoteTerm, type TaxonomyKind } from "@/lib/platforms/types";
import { mappedField } from "./fields";
import type { WebflowItem } from "./schemas";
import type { WfSite } from "./site";
import { slugify } from "./transform";

const ROLE = { category: "categories", tag: "tags" } as const;

/** Where a taxonomy's terms live: items of a referenced collection, or a field's options. */
type Source =
  { kind: "options"; options: Array<{ id: string; name: string }> } | { kind: "items"; collectionId: string };

async function sourceOf(site: WfSite, taxonomy: TaxonomyKind): Promise<Source> {
  const { collection, map } = await site.collection();
  const field = mappedField(collection, map, ROLE[taxonomy]);
  if (!field)
    throw new PlatformError("unsupported", `No Webflow field is mapped to ${ROLE[taxonomy]}.`, {
      fix: `Map a Reference, MultiReference or Option field to ${ROLE[taxonomy]} in the field mapping.`,
    });
  const v = (field.validations ?? {}) as { collectionId?: string; options?: Array<{ id: string; name: string }> };
  if (field.type === "Option") return { kind: "options", options: v.options ?? [] };
  return { kind: "items", collectionId: String(v.collectionId ?? "") };
}

async function listCollection(site: WfSite, collectionId: string): Promise<WebflowItem[]> {
  const all: WebflowItem[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await site.api.call((c) => c.collections.items.listItems(collectionId, { offset, limit: 100 }))) as {
      items?: WebflowItem[];
      pagination?: { total?: number };
    };
    all.push(...(page.items ?? []));
    if ((page.items ?? []).length < 100) return all;
  }
}

const toTerm = (i: WebflowItem): RemoteTerm => ({
  externalId: String(i.id),
  name: String(i.fieldData?.name ?? ""),
  slug: String(i.fieldData?.slug ?? ""),
  parentId: null,
  count: 0,
});

/**
 * How long a new name waits for others before the bulk create: the engine asks for a push's new
 * terms together, and their names arrive within milliseconds of each other (each behind the
 * collection's one listing); a request is worth far more of the budget than this.
 */
const GATHER_MS = 50;

const slugOf = (name: string) =>
  // A slug per name (with a short hash, so names that slugify alike do not collide).
  `${slugify(name).slice(0, 90)}-${createHash("sha1").update(name).digest("hex").slice(0, 6)}`;

/**
 * Term items of one session: each referenced collection listed once, and the names missing there
 * created together, the ones asked for while a listing or a creation was under way in one bulk
 * create and one publish (live items may only reference published items), 100 a request.
 */
function termItems(site: WfSite) {
  const listings = new Map<string, Promise<WebflowItem[]>>();
  const creating = new Map<string, Promise<string>>();
  const queues = new Map<string, Array<{ name: string; done: (id: string) => void; fail: (e: unknown) => void }>>();
  const listed = (collectionId: string) => {
    let listing = listings.get(collectionId);
    if (!listing) {
      listings.set(collectionId, (listing = listCollection(site, collectionId)));
      listing.catch(() => listings.delete(collectionId));
    }
    return listing;
  };
  async function createAll(collectionId: string, names: string[]): Promise<WebflowItem[]> {
    const fieldData = names.map((name) => ({ name, slug: slugOf(name) }));
    if (fieldData.length === 1) {
      const body = { isDraft: false, isArchived: false, fieldData: fieldData[0] } as Webflow.CollectionItemPostSingle;
      return [(await site.api.call((c) => c.collections.items.createItem(collectionId, body))) as WebflowItem];
    }
    const body = { isDraft: false, isArchived: false, fieldData };
    const answer = (await site.api.call((c) =>
      c.collections.items.createItems(collectionId, body as Webflow.collections.CreateBulkCollectionItemRequestBody),
    )) as { items?: WebflowItem[] };
    return answer.items ?? [];
  }
  async function flush(collectionId: string) {
    const queue = queues.get(collectionId) ?? [];
    queues.delete(collectionId);
    for (let start = 0; start < queue.length; start += 100) {
      const chunk = queue.slice(start, start + 100);
      try {
        const made = await createAll(
          collectionId,
          chunk.map((q) => q.name),
        );
        const itemIds = made.map((i) => String(i.id));
        await site.api.call((c) => c.collections.items.publishItem(collectionId, { itemIds }));
        (await listed(collectionId)).push(...made);
        const bySlug = new Map(made.map((i) => [String(i.fieldData?.slug), String(i.id)]));
        for (const q of chunk) {
          const id = bySlug.get(slugOf(q.name));
          if (id) q.done(id);
          else q.fail(new PlatformError("invalid_response", `Webflow did not create the term "${q.name}".`));
        }
      } catch (error) {
        for (const q of chunk) q.fail(error);
      }
    }
  }
  return {
    /** The id of the term item named `name`, created (and published) when the collection has none. */
    async ensure(collectionId: string, name: string): Promise<{ id: string; created: boolean }> {
      const found = (await listed(collectionId)).find(
        (i) => String(i.fieldData?.name ?? "").toLowerCase() === name.toLowerCase(),
      );
      if (found) return { id: String(found.id), created: false };
      const key = `${collectionId}:${name.toLowerCase()}`;
      let pending = creating.get(key);
      if (!pending) {
        pending = new Promise<string>((done, fail) => {
          let queue = queues.get(collectionId);
          if (!queue) {
            queues.set(collectionId, (queue = []));
            setTimeout(() => void flush(collectionId), GATHER_MS);
          }
          queue.push({ name, done, fail });
        });
        creating.set(key, pending);
        pending.then(
          () => creating.delete(key),
          () => creating.delete(key),
        );
      }
      return { id: await pending, created: true };
    },
  };
}

/** Categories and tags: items of the referenced collections (created and published when new) or options. */
export function termsOf(site: WfSite): PlatformSession["terms"] {
  const items = termItems(site);
  return {
    async list(taxonomy) {
      const source = await sourceOf(site, taxonomy);
      if (source.kind === "options")
        return source.options.map((o) => ({
          externalId: o.id,
          name: o.name,
          slug: slugify(o.name),
          parentId: null,
          count: 0,
        }));
      return (await listCollection(site, source.collectionId)).map(toTerm);
    },
    async ensure(taxonomy, term) {
      const source = await sourceOf(site, taxonomy);
      const name = term.name.trim();
      if (source.kind === "options") {
        const option = source.options.find((o) => o.name.toLowerCase() === name.toLowerCase());
        if (option) return { externalId: option.id, created: false };
        throw new PlatformError("unsupported", `"${name}" is not one of the options of the Webflow field.`, {
          fix: `Add the option "${name}" to the field in Webflow's collection settings, then push again.`,
        });
      }
      const { id, created } = await items.ensure(source.collectionId, name);
      return { externalId: id, created };
    },
  };
}
