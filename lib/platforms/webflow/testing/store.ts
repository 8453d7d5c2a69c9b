import { randomBytes } from "node:crypto";

/** The test server's state: sites, collections with fields, staged and live items, assets, webhooks. */
export type Field = {
  id: string;
  slug: string;
  displayName: string;
  type: string;
  isRequired: boolean;
  isEditable: boolean;
  validations?: Record<string, unknown> | null;
};
export type Collection = {
  id: string;
  siteId: string;
  displayName: string;
  singularName: string;
  slug: string;
  createdOn: string;
  lastUpdated: string;
  fields: Field[];
};
export type Item = {
  id: string;
  cmsLocaleId: string;
  lastPublished: string | null;
  lastUpdated: string;
  createdOn: string;
  isArchived: boolean;
  isDraft: boolean;
  fieldData: Record<string, unknown>;
};
/** One item: what editors see (staged) and what the published site shows (live, once published). */
export type Entry = { staged: Item; live: Item | null };
export type Asset = {
  id: string;
  siteId: string;
  fileName: string;
  fileHash: string;
  bytes?: Buffer;
  createdOn: string;
};
export type Webhook = { id: string; siteId: string; triggerType: string; url: string; createdOn: string };
export type Token = { scopes: string[]; siteIds: string[]; isOAuthApp: boolean };
export type Site = { id: string; displayName: string; shortName: string; plan: "free" | "cms" };

export const LOCALE_ID = "653ad57de882f528b32e810e";

/** A Webflow-looking object id (24 hex digits). */
export const objectId = () => randomBytes(12).toString("hex");

export function createStore() {
  let last = 0;
  const store = {
    sites: new Map<string, Site>(),
    collections: new Map<string, Collection>(),
    items: new Map<string, Map<string, Entry>>(),
    assets: new Map<string, Asset>(),
    webhooks: new Map<string, Webhook>(),
    tokens: new Map<string, Token>(),
    /** Last successful site publish per site (1 a minute). */
    sitePublishedAt: new Map<string, number>(),
    /** A clock that never repeats a value, so every write gets a new lastUpdated. */
    now(): string {
      last = Math.max(Date.now(), last + 1);
      return new Date(last).toISOString();
    },
    entries(collectionId: string): Map<string, Entry> {
      let map = store.items.get(collectionId);
      if (!map) store.items.set(collectionId, (map = new Map()));
      return map;
    },
    addCollection(siteId: string, c: Omit<Collection, "id" | "siteId" | "createdOn" | "lastUpdated">): Collection {
      const stamp = store.now();
      const collection = { ...c, id: objectId(), siteId, createdOn: stamp, lastUpdated: stamp };
      store.collections.set(collection.id, collection);
      return collection;
    },
    /** A staged item; `isDraft` false means "queued to publish", not live until published. */
    create(collectionId: string, fieldData: Record<string, unknown>, isDraft: boolean, isArchived = false): Entry {
      const stamp = store.now();
      const staged: Item = {
        id: objectId(),
        cmsLocaleId: LOCALE_ID,
        lastPublished: null,
        lastUpdated: stamp,
        createdOn: stamp,
        isArchived,
        isDraft,
        fieldData,
      };
      const entry = { staged, live: null };
      store.entries(collectionId).set(staged.id, entry);
      return entry;
    },
    update(entry: Entry, patch: { fieldData?: Record<string, unknown>; isDraft?: boolean; isArchived?: boolean }) {
      const s = entry.staged;
      s.fieldData = { ...s.fieldData, ...patch.fieldData };
      if (patch.isDraft !== undefined) s.isDraft = patch.isDraft;
      if (patch.isArchived !== undefined) s.isArchived = patch.isArchived;
      s.lastUpdated = store.now();
    },
    /** Copies the staged item to the live site. */
    publish(entry: Entry) {
      const stamp = store.now();
      entry.staged.lastPublished = stamp;
      entry.staged.isDraft = false;
      entry.live = structuredClone(entry.staged);
    },
    /** Takes the item off the live site; the staged copy becomes a draft again. */
    unpublish(entry: Entry) {
      entry.live = null;
      entry.staged.isDraft = true;
      entry.staged.lastPublished = null;
      entry.staged.lastUpdated = store.now();
    },
    findBySlug(collectionId: string, slug: string): Entry | undefined {
      for (const entry of store.entries(collectionId).values()) if (entry.staged.fieldData.slug === slug) return entry;
      return undefined;
    },
  };
  return store;
}

export type Store = ReturnType<typeof createStore>;
