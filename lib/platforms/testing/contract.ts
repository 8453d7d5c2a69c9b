import { afterAll, describe, expect, it } from "vitest";
import type { ContractSubject } from "@/lib/platforms/testing/contract-subject";
import type { ChangeCursor, ChangePage, PushItem, TaxonomyKind } from "@/lib/platforms/types";

/** An 8x8 PNG. */ const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAA7EAAAOxAGVKw4bAAAAFElEQVQImWM8oaHBgA0w" +
    "YRUdtBIA4DgBKG5t34gAAAAASUVORK5CYII=",
  "base64",
);

/**
 * The suite every adapter passes: doctor codes, create/update/exactly-once, batch, terms, media,
 * listChanges resumed from any page, deletions, the conflict guard, webhook verify/parse.
 * `subject` is undefined when the platform is not available here (the suite is skipped).
 */
export function describeAdapterContract(name: string, subject: ContractSubject | undefined) {
  describe.skipIf(!subject)(`${name}: the platform contract`, () => {
    const s = subject!;
    const session = s
      ? s.adapter.connect({ siteUrl: s.siteUrl, credentials: s.credentials.good, http: s.http })
      : undefined!;
    const made = {
      items: [] as Array<[string, string]>,
      terms: [] as Array<[TaxonomyKind, string]>,
      media: [] as string[],
    };
    const marker = `Contract ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    let n = 0;
    const draft = (title = `${marker} ${++n}`): PushItem => ({
      ref: crypto.randomUUID(),
      contentType: "post",
      fields: {
        title,
        content: `<p>${title}</p>`,
        excerpt: "",
        slug: "",
        status: "draft",
        categoryIds: [],
        tagIds: [],
      },
    });
    const create = async (items: PushItem[], batch = false) => {
      const outcomes = await session.push(items, { batch });
      for (const o of outcomes) if (o.ok) made.items.push(["post", o.item.externalId]);
      return outcomes;
    };
    const walk = async (cursor: ChangeCursor | undefined, pageSize: number) => {
      const pages: ChangePage[] = [];
      for await (const page of session.listChanges({ contentTypes: ["post"], cursors: { post: cursor }, pageSize }))
        pages.push(page);
      return pages;
    };
    afterAll(() => s?.cleanup(made));

    it("doctor: connected with good credentials, auth_failed with bad ones, invalid_url for ftp:", async () => {
      expect(
        await s.adapter.doctor({ siteUrl: s.siteUrl, credentials: s.credentials.good, http: s.http }),
      ).toMatchObject({ connected: true });
      const bad = await s.adapter.doctor({ siteUrl: s.siteUrl, credentials: s.credentials.bad, http: s.http });
      expect(bad).toMatchObject({ connected: false, code: "auth_failed" });
      const nowhere = await s.adapter.doctor({
        siteUrl: "ftp://example.com",
        credentials: s.credentials.good,
        http: s.http,
      });
      expect(nowhere).toMatchObject({ connected: false, code: "invalid_url" });
      await expect(session.verifyCredentials()).resolves.toBeUndefined();
    });

    it("creates, reads and updates an item; findCreated finds a create by our id", async () => {
      const item = draft();
      const [created] = await create([item]);
      expect(created).toMatchObject({ ok: true, action: "created" });
      if (!created.ok) return;
      const id = created.item.externalId;
      expect(await session.getItem("post", id)).toMatchObject({
        externalId: id,
        title: item.fields.title,
        status: "draft",
      });
      expect(
        await session.findCreated({ ref: item.ref, contentType: "post", slug: "", title: item.fields.title }),
      ).toBe(id);
      expect(
        await session.findCreated({ ref: crypto.randomUUID(), contentType: "post", slug: "", title: `${marker} none` }),
      ).toBeUndefined();
      const title = `${item.fields.title} (2)`;
      const [updated] = await session.push([
        { ...item, externalId: id, expectedVersion: created.item.version, fields: { ...item.fields, title } },
      ]);
      expect(updated).toMatchObject({ ok: true, action: "updated", item: { externalId: id } });
      expect((await session.getItem("post", id))?.title).toBe(title);
    });

    it("batch: one outcome per item, in order", async () => {
      const items = [draft(), draft(), draft()];
      const outcomes = await create(items, true);
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
      const ids = outcomes.map((o) => (o.ok ? o.item.externalId : ""));
      expect(new Set(ids).size).toBe(3);
      const read = await session.getItems("post", ids);
      expect(ids.map((id) => read.find((r) => r.externalId === id)?.title)).toEqual(items.map((i) => i.fields.title));
    });

    it("terms: ensure twice makes one term, and list has it", async () => {
      for (const kind of s.adapter.capabilities.taxonomies) {
        const first = await session.terms.ensure(kind, { name: `${marker} ${kind}` });
        made.terms.push([kind, first.externalId]);
        expect(first.created).toBe(true);
        expect(await session.terms.ensure(kind, { name: `${marker} ${kind}` })).toEqual({
          externalId: first.externalId,
          created: false,
        });
        expect((await session.terms.list(kind)).find((t) => t.externalId === first.externalId)).toMatchObject({
          name: `${marker} ${kind}`,
        });
      }
    });

    it("media: uploads an image and resolves its URL; an unknown id resolves to nothing", async () => {
      const media = await session.media.upload({ bytes: PNG, filename: "contract.png", contentType: "image/png" });
      made.media.push(media.externalId);
      expect(media.url).toMatch(/^https?:\/\//);
      const urls = await session.media.resolveUrls([media.externalId, "987654321"]);
      expect(urls.get(media.externalId)).toBe(media.url);
      expect(urls.has("987654321")).toBe(false);
    });

    it("listChanges: resumed from any page, nothing is missed, and nothing comes twice in one walk", async () => {
      const head = await session.readHead("post");
      const ours = new Set<string>();
      // One change per version stamp: a walk pages by version, and ties inside one page are the platform's order.
      for (let i = 0; i < 5; i++) {
        await s.tick();
        const [outcome] = await create([draft()]);
        if (outcome.ok) ours.add(outcome.item.externalId);
      }
      // Small pages around ours; a shared site may list others' recent changes too.
      const pages = await walk(head, 2);
      const oursIn = (list: ChangePage[]) => list.flatMap((p) => p.items).filter((i) => ours.has(i.externalId));
      const keys = (list: ChangePage[]) => oursIn(list).map((i) => `${i.externalId}:${i.version}`);
      expect(new Set(keys(pages)).size).toBe(keys(pages).length);
      expect(new Set(oursIn(pages).map((i) => i.externalId))).toEqual(ours);
      expect(pages[0].total).toBeGreaterThanOrEqual(ours.size);
      // Resumed after every page that holds ours, and after the page before the first of them.
      const holding = pages.flatMap((page, k) => (page.items.some((i) => ours.has(i.externalId)) ? [k] : []));
      for (const k of new Set([Math.max(0, holding[0] - 1), ...holding])) {
        const page = pages[k];
        const resumed = await walk(page.cursors.post, 100);
        const seen = [...keys(pages.slice(0, k + 1)), ...keys(resumed)];
        expect(new Set(seen.map((key) => key.split(":")[0]))).toEqual(ours);
        if (!s.repeatsRecentUnchanged) expect(new Set(seen).size).toBe(seen.length);
        expect(new Set(keys(resumed)).size).toBe(keys(resumed).length);
      }
    }, 180_000);

    it("deletions: a trashed item comes back trashed; a deleted one is gone (and listed where reported)", async () => {
      const head = await session.readHead("post");
      await s.tick();
      const outcomes = await create([draft(), draft()]);
      const [trashed, deleted] = outcomes.map((o) => (o.ok ? o.item.externalId : ""));
      await s.trashRemote?.("post", trashed);
      await s.deleteRemote("post", deleted);
      const pages = await walk(head, 100);
      if (s.trashRemote)
        expect(pages.flatMap((p) => p.items).find((i) => i.externalId === trashed)).toMatchObject({ isTrashed: true });
      expect(await session.getItem("post", deleted)).toBeUndefined();
      expect(await session.getItems("post", [deleted])).toEqual([]);
      const listed = pages.flatMap((p) => p.deleted).some((d) => d.externalId === deleted);
      expect(listed).toBe(s.reportsDeletions);
    });

    it("the conflict guard: a stale update is a conflict outcome with the remote copy, left as it is", async () => {
      const item = draft();
      const [created] = await create([item]);
      if (!created.ok) throw new Error("create failed");
      const id = created.item.externalId;
      await s.tick();
      await s.editRemote("post", id, { title: `${item.fields.title} (theirs)` });
      const stale = {
        ...item,
        externalId: id,
        expectedVersion: created.item.version,
        fields: { ...item.fields, title: "ours" },
      };
      const [outcome] = await session.push([stale]);
      expect(outcome).toMatchObject({
        ok: false,
        conflict: { remote: { externalId: id, title: `${item.fields.title} (theirs)` } },
      });
      expect(outcome.ok === false && outcome.conflict?.isExact).toBe(s.isExactGuard);
      expect((await session.getItem("post", id))?.title).toBe(`${item.fields.title} (theirs)`);
    });

    it("webhooks: verify accepts the platform's signature only, and parse hints at the item", () => {
      const hooks = s.adapter.webhooks;
      if (!hooks) return;
      const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
      const { raw, headers } = s.signDelivery({ contentType: "post", externalId: "42" }, secret);
      expect(hooks.deliveryId(headers)).toBeTruthy();
      expect(hooks.verify(raw, headers, [secret])).toBe(true);
      expect(hooks.verify(raw, headers, [`whsec_${Buffer.alloc(32, 8).toString("base64")}`, secret])).toBe(true);
      expect(hooks.verify(raw, headers, [`whsec_${Buffer.alloc(32, 8).toString("base64")}`])).toBe(false);
      expect(hooks.verify(`${raw} `, headers, [secret])).toBe(false);
      const parsed = hooks.parse(JSON.parse(raw));
      expect(parsed).toMatchObject({
        ok: true,
        hints: { type: "post", externalId: "42", isOurEcho: false, isPing: false },
      });
      expect(hooks.parse({ nonsense: true })).toMatchObject({ ok: false });
    });
  });
}
