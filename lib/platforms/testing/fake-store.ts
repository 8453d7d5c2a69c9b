import type { RemoteItem, RemoteTerm, TaxonomyKind, WebhooksState } from "@/lib/platforms/types";

/** One entry of the fake's change log: an item as it is now, or a deletion (no item). */
type Change = { seq: number; type: string; externalId: string; item?: RemoteItem };

/**
 * The fake platform's data: items with a change log (every write takes the next sequence number,
 * so a cursor is "changes after seq N"), terms, media and the webhook setup. Versions are times
 * one second apart, as many platforms stamp them.
 */
export function createFakeStore() {
  const items = new Map<string, RemoteItem & { ref?: string }>();
  const log: Change[] = [];
  const termRows: Record<TaxonomyKind, RemoteTerm[]> = { category: [], tag: [] };
  const media = new Map<string, string>();
  let seq = 0;
  let nextId = 1;
  let webhookUrl: string | undefined;
  const stamp = () => new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString().slice(0, 19);

  function record(item: RemoteItem) {
    seq++;
    const stored = { ...item, version: stamp() };
    items.set(item.externalId, stored);
    // Only an item's latest change is in the log: a walk meets each item once.
    const old = log.findIndex((c) => c.externalId === item.externalId);
    if (old >= 0) log.splice(old, 1);
    log.push({ seq, type: item.contentType, externalId: item.externalId, item: stored });
    return stored;
  }

  const copy = (item: RemoteItem | undefined) => (item ? { ...item } : undefined);

  return {
    media,
    seq: () => seq,

    create(type: string, fields: Partial<RemoteItem>, ref?: string) {
      const externalId = String(nextId++);
      const item: RemoteItem & { ref?: string } = {
        externalId,
        contentType: type,
        title: "",
        content: "",
        excerpt: "",
        slug: `item-${externalId}`,
        status: "draft",
        remoteStatus: "draft",
        isTrashed: false,
        publishedAt: null,
        scheduledAt: null,
        categoryIds: [],
        tagIds: [],
        featuredMediaId: null,
        version: null,
        url: `https://fake.test/${type}/${externalId}`,
        ...fields,
        ref,
      };
      return copy(record(item))!;
    },

    update(externalId: string, fields: Partial<RemoteItem>) {
      return copy(record({ ...items.get(externalId)!, ...fields, externalId }))!;
    },

    /** Someone else's edit on the platform. */
    edit: (externalId: string, fields: Partial<RemoteItem>) => copy(record({ ...items.get(externalId)!, ...fields })),

    trash: (externalId: string) => copy(record({ ...items.get(externalId)!, isTrashed: true, remoteStatus: "trash" })),

    remove(externalId: string) {
      const item = items.get(externalId);
      if (!item) return;
      items.delete(externalId);
      seq++;
      const old = log.findIndex((c) => c.externalId === externalId);
      if (old >= 0) log.splice(old, 1);
      log.push({ seq, type: item.contentType, externalId });
    },

    get(externalId: string, type?: string) {
      const item = items.get(externalId);
      return item && (!type || item.contentType === type) ? copy(item) : undefined;
    },

    live: (type: string) =>
      [...items.values()].filter((i) => i.contentType === type && !i.isTrashed).map((i) => copy(i)!),

    findByRef: (ref: string) => copy([...items.values()].find((i) => i.ref === ref)),

    changesAfter(type: string, after: number, limit: number) {
      const all = log.filter((c) => c.type === type && c.seq > after);
      const entries = all.slice(0, limit).map((c) => ({ ...c, item: copy(c.item) }));
      return { entries, lastSeq: entries.at(-1)?.seq ?? after, total: all.length };
    },

    terms: (taxonomy: TaxonomyKind) => termRows[taxonomy].map((t) => ({ ...t })),

    ensureTerm(taxonomy: TaxonomyKind, name: string, parentId: string | null) {
      const found = termRows[taxonomy].find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (found) return { externalId: found.externalId, created: false };
      const externalId = String(nextId++);
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      termRows[taxonomy].push({ externalId, name, slug, parentId, count: 0 });
      return { externalId, created: true };
    },

    upload(filename: string) {
      const externalId = String(nextId++);
      const url = `https://fake.test/media/${externalId}/${encodeURIComponent(filename)}`;
      media.set(externalId, url);
      return { externalId, url };
    },

    pointWebhooks(url: string) {
      webhookUrl = url;
    },

    webhooks(url: string): WebhooksState {
      const pointsHere = webhookUrl === url;
      return {
        installed: true,
        configured: true,
        points_here: pointsHere,
        version: "1",
        queue: { pending: 0, failed: 0 },
        last_deliveries: [],
        message: pointsHere ? "Sends changes here." : "Not sending here.",
      };
    },
  };
}

export type FakeStore = ReturnType<typeof createFakeStore>;
