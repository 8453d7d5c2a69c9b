import { describe, expect, it } from "vitest";
import type { PlatformFetch, PushItem } from "@/lib/platforms/types";
import { describeAdapterContract } from "./contract";
import { createFakePlatform, fakeCredentials, signFakeDelivery } from "./fake-adapter";

const noHttp: PlatformFetch = () => Promise.reject(new Error("the fake platform makes no HTTP requests"));
const fake = createFakePlatform();

describeAdapterContract("the fake adapter", {
  adapter: fake.adapter,
  siteUrl: "https://fake.test",
  credentials: fakeCredentials,
  http: noHttp,
  tick: async () => {},
  editRemote: async (_type, id, fields) => void fake.store.edit(id, fields),
  trashRemote: async (_type, id) => void fake.store.trash(id),
  deleteRemote: async (_type, id) => fake.store.remove(id),
  signDelivery: ({ contentType, externalId }, secret) =>
    signFakeDelivery({ type: contentType, id: externalId, action: "updated" }, secret),
  cleanup: async () => {},
  isExactGuard: true,
  reportsDeletions: true,
  repeatsRecentUnchanged: false,
});

describe("the fake adapter's knobs", () => {
  const item = (title: string): PushItem => ({
    ref: crypto.randomUUID(),
    contentType: "post",
    fields: { title, content: "", excerpt: "", slug: "", status: "published", categoryIds: [], tagIds: [] },
  });
  const connect = (platform = createFakePlatform()) => ({
    platform,
    session: platform.adapter.connect({
      siteUrl: "https://fake.test",
      credentials: fakeCredentials.good,
      http: noHttp,
    }),
  });

  it("latency: every request takes at least the latency", async () => {
    const { session } = connect(createFakePlatform({ latencyMs: 50 }));
    const started = Date.now();
    await session.countItems("post");
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("409 on update: the update is a conflict outcome with the remote copy, nothing is written", async () => {
    const { platform, session } = connect();
    const [created] = await session.push([item("One")]);
    if (!created.ok) throw new Error("create failed");
    platform.knobs.conflictOnUpdate = true;
    const update = { ...item("Two"), externalId: created.item.externalId, expectedVersion: created.item.version };
    const [outcome] = await session.push([update]);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "conflict", status: 409 },
      conflict: { remote: { title: "One" } },
    });
    expect((await session.getItem("post", created.item.externalId))?.title).toBe("One");
  });

  it("429 with Retry-After: the session waits as told and gets through", async () => {
    const { platform, session } = connect(createFakePlatform({ rateLimit: { times: 2, retryAfterMs: 60 } }));
    const started = Date.now();
    const [outcome] = await session.push([item("Limited")]);
    expect(outcome.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(platform.stats).toMatchObject({ rateLimited: 2, requests: 3 });
  });

  it("an answer lost after the write: exactly one item, answered as created", async () => {
    const { platform, session } = connect(createFakePlatform({ loseNextAnswer: true }));
    const outcomes = await session.push([item("Lost 1"), item("Lost 2")], { batch: true });
    expect(outcomes.map((o) => o.ok && o.action)).toEqual(["created", "created"]);
    expect(
      platform.store
        .live("post")
        .map((i) => i.title)
        .sort(),
    ).toEqual(["Lost 1", "Lost 2"]);
  });

  it("refuses bad credentials at connect", () => {
    const platform = createFakePlatform();
    expect(() =>
      platform.adapter.connect({ siteUrl: "https://fake.test", credentials: fakeCredentials.bad, http: noHttp }),
    ).toThrow(expect.objectContaining({ code: "auth_failed" }));
  });
});
