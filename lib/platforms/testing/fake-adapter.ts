import { z } from "zod";
import { PlatformError, type PlatformAdapter, type PlatformSession, type PushOutcome } from "@/lib/platforms/types";
import type {
  ChangeCursor,
  ItemFields,
  PushItem,
  RemoteItem,
  SeoWriteSupport,
  TaxonomyKind,
} from "@/lib/platforms/types";
import { createFakeStore, type FakeStore } from "./fake-store";
import { fakeWebhooks, signFakeDelivery } from "./fake-webhooks";

/**
 * An in-memory platform behind the contract, for the engine's own tests and as the contract
 * suite's reference. Knobs make it misbehave the way real platforms do.
 */
export type FakeKnobs = {
  /** Added to every request. */
  latencyMs: number;
  /** Every update answers 409 (someone else's edit won), whatever the expected version. */
  conflictOnUpdate: boolean;
  /** The next `times` requests answer 429 with Retry-After `retryAfterMs`; the session waits and retries. */
  rateLimit: { times: number; retryAfterMs: number };
  /** The next create is written, then its answer is lost (the connection drops). */
  loseNextAnswer: boolean;
  /** Remote statuses the engine must never write (capabilities.readOnlyStatuses). */
  readOnlyStatuses?: string[];
};

export type FakePlatform = {
  adapter: PlatformAdapter;
  knobs: FakeKnobs;
  store: FakeStore;
  /** Requests the sessions made, retries included. */
  stats: { requests: number; rateLimited: number };
};

const GOOD_TOKEN = "good-token";
const credentialsSchema = z.object({ token: z.string().min(1) });
const pushedOf = (item: RemoteItem) => ({
  externalId: item.externalId,
  url: item.url,
  remoteStatus: item.remoteStatus,
  version: item.version,
});
const fieldsOf = (item: PushItem): Partial<RemoteItem> => {
  const f: ItemFields = item.fields;
  const status = f.status === "published" ? "published" : f.status === "scheduled" ? "scheduled" : "draft";
  const media = f.featuredMediaId === undefined ? {} : { featuredMediaId: f.featuredMediaId };
  const remoteStatus = { published: "live", scheduled: "later", draft: "draft" }[status];
  return { ...f, ...media, status, remoteStatus, scheduledAt: f.scheduledAt ?? null };
};

export function createFakePlatform(knobs: Partial<FakeKnobs> = {}): FakePlatform {
  const store = createFakeStore();
  const stats = { requests: 0, rateLimited: 0 };
  const state: FakeKnobs = {
    latencyMs: 0,
    conflictOnUpdate: false,
    rateLimit: { times: 0, retryAfterMs: 0 },
    loseNextAnswer: false,
    ...knobs,
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** One request: latency, then 429s (waited out, as Retry-After says), then the call itself. */
  async function request<T>(call: () => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      stats.requests++;
      if (state.latencyMs) await sleep(state.latencyMs);
      if (state.rateLimit.times > 0) {
        state.rateLimit.times--;
        stats.rateLimited++;
        const error = new PlatformError("rate_limited", "Too many requests.", {
          retryable: true,
          status: 429,
          retryAfterMs: state.rateLimit.retryAfterMs,
        });
        if (attempt >= 5) throw error;
        await sleep(error.retryAfterMs ?? 0);
        continue;
      }
      return call();
    }
  }

  let answerLost = false;
  let lostOutcomes: PushOutcome[] = [];

  function pushOne(item: PushItem): PushOutcome {
    if (!item.externalId) {
      const created = store.create(item.contentType, fieldsOf(item), item.ref);
      if (state.loseNextAnswer) {
        state.loseNextAnswer = false;
        answerLost = true;
      }
      return { ok: true, action: "created", item: pushedOf(created) };
    }
    const current = store.get(item.externalId);
    if (!current || current.isTrashed)
      return { ok: false, error: new PlatformError("not_found", "No such item.", { status: 404 }) };
    const isStale = state.conflictOnUpdate || (!!item.expectedVersion && item.expectedVersion !== current.version);
    if (isStale) {
      const error = new PlatformError("conflict", "The item changed since the expected version.", { status: 409 });
      return { ok: false, error, conflict: { remote: current, isExact: true } };
    }
    return { ok: true, action: "updated", item: pushedOf(store.update(item.externalId, fieldsOf(item))) };
  }

  /** One request writing a chunk; a lost answer throws after the writes, as a dropped connection does. */
  function writeChunk(chunk: PushItem[]): PushOutcome[] {
    const outcomes = chunk.map(pushOne);
    if (!answerLost) return outcomes;
    answerLost = false;
    lostOutcomes = outcomes;
    throw new PlatformError("unreachable", "The connection closed before the answer.", { retryable: true });
  }

  /** After a lost answer: creates are found by our id (exactly once); updates are read back. */
  function recover(item: PushItem, index: number): PushOutcome {
    if (item.externalId) return lostOutcomes[index];
    const found = store.findByRef(item.ref);
    return found ? { ok: true, action: "created", item: pushedOf(found) } : pushOne(item);
  }

  function connect(params: { siteUrl: string; credentials: Record<string, string> }): PlatformSession {
    if (params.credentials.token !== GOOD_TOKEN)
      throw new PlatformError("auth_failed", "The token was refused.", { status: 401 });
    const session: PlatformSession = {
      verifyCredentials: () => request(() => undefined),
      listContentTypes: () =>
        request(() =>
          ["post", "page"].map((slug) => ({ slug, name: slug, restBase: `${slug}s`, count: store.live(slug).length })),
        ),
      countItems: (type) => request(() => store.live(type).length),
      readHead: () => request(() => ({ seq: store.seq() })),
      listItems: (type, page) =>
        request(() => {
          const live = store.live(type);
          return {
            items: live.slice((page - 1) * 100, page * 100),
            total: live.length,
            pages: Math.ceil(live.length / 100),
          };
        }),
      async *listChanges({ contentTypes, cursors, pageSize = 100 }) {
        for (const type of contentTypes) {
          let after = Number((cursors[type] as ChangeCursor | undefined)?.seq ?? 0);
          let isFirst = true;
          for (;;) {
            const page = await request(() => store.changesAfter(type, after, pageSize));
            if (!page.entries.length) break;
            after = page.lastSeq;
            const items = page.entries.flatMap((e) => (e.item ? [e.item] : []));
            const deleted = page.entries.flatMap((e) =>
              e.item ? [] : [{ contentType: type, externalId: e.externalId }],
            );
            yield { items, deleted, cursors: { [type]: { seq: after } }, total: isFirst ? page.total : undefined };
            isFirst = false;
          }
        }
      },
      getItem: (type, id) => request(() => store.get(id, type)),
      getItems: (type, ids) => request(() => ids.flatMap((id) => store.get(id, type) ?? [])),
      async push(items, options = {}) {
        const max = options.batch ? 10 : 1;
        const outcomes: PushOutcome[] = [];
        for (let i = 0; i < items.length; i += max) {
          const chunk = items.slice(i, i + max);
          try {
            outcomes.push(...(await request(() => writeChunk(chunk))));
          } catch (error) {
            if (!(error instanceof PlatformError) || error.code !== "unreachable") throw error;
            outcomes.push(...(await request(() => chunk.map(recover))));
          }
        }
        return outcomes;
      },
      seo: () => request((): SeoWriteSupport => ({ canWrite: true, targets: ["fake"] })),
      findCreated: (item) => request(() => store.findByRef(item.ref)?.externalId),
      terms: {
        list: (taxonomy: TaxonomyKind) => request(() => store.terms(taxonomy)),
        ensure: (taxonomy, term) => request(() => store.ensureTerm(taxonomy, term.name, term.parentId ?? null)),
      },
      media: {
        upload: (file) => request(() => store.upload(file.filename)),
        resolveUrls: (ids) =>
          request(
            () => new Map(ids.flatMap((id) => (store.media.has(id) ? [[id, store.media.get(id)!] as const] : []))),
          ),
      },
    };
    return session;
  }

  const adapter: PlatformAdapter = {
    id: "fake",
    displayName: "Fake",
    capabilities: {
      contentTypes: ["post", "page"],
      taxonomies: ["category", "tag"],
      scheduling: true,
      batchWrite: { maxItems: 10 },
      changeFeed: "cursor",
      conflictGuard: "native",
      webhooks: "signed",
      media: "upload",
      authorize: "none",
      ...(state.readOnlyStatuses ? { readOnlyStatuses: state.readOnlyStatuses } : {}),
    },
    credentials: credentialsSchema,
    async doctor({ siteUrl, credentials }) {
      const report = { notes: [], site: { restUrl: "" } };
      if (!/^https?:\/\//.test(siteUrl))
        return { ...report, connected: false, code: "invalid_url", message: "Not a web address." };
      if (credentials.token !== GOOD_TOKEN)
        return { ...report, connected: false, code: "auth_failed", message: "The token was refused." };
      return { connected: true, message: "Connected.", notes: [], site: { restUrl: `${siteUrl}/api/` } };
    },
    normaliseSiteUrl: (input) => input.replace(/\/+$/, ""),
    connect,
    webhooks: fakeWebhooks(store),
  };
  return { adapter, knobs: state, store, stats };
}

/** Credentials the fake accepts. */
export const fakeCredentials = { good: { token: GOOD_TOKEN }, bad: { token: "wrong" } };

export { signFakeDelivery };
