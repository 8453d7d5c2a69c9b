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

/** Categories and tags: items of the referenced collections (created and published when new) or options. */
export function termsOf(site: WfSite): PlatformSession["terms"] {
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
      const found = (await listCollection(site, source.collectionId)).find(
        (i) => String(i.fieldData?.name ?? "").toLowerCase() === name.toLowerCase(),
      );
      if (found) return { externalId: String(found.id), created: false };
      // A slug per name (with a short hash, so names that slugify alike do not collide).
      const slug = `${slugify(name).slice(0, 90)}-${createHash("sha1").update(name).digest("hex").slice(0, 6)}`;
      const body = { isDraft: false, isArchived: false, fieldData: { name, slug } } as Webflow.CollectionItemPostSingle;
      const created = (await site.api.call((c) =>
        c.collections.items.createItem(source.collectionId, body),
      )) as WebflowItem;
      // Live items may only reference published items.
      await site.api.call((c) =>
        c.collections.items.publishItem(source.collectionId, { itemIds: [String(created.id)] }),
      );
      return { externalId: String(created.id), created: true };
    },
  };
}
