import "server-only";
import { isSiteWideFailure, PlatformError, type PushItem, type PushOutcome } from "@/lib/platforms/types";
import { mapWithConcurrency } from "@/lib/server/concurrency";
import { getItem } from "./changes";
import { resolveType } from "./content-types";
import { fromHttpError } from "./errors";
import { findCreated } from "./exactly-once";
import { seoMetaOf } from "./seo";
import { wpBatchResponseSchema, wpPostSchema, type WpPost } from "./schemas";
import type { WpSite } from "./site";
import { toWordPressPayload } from "./transform";
import { isExactConflict, isWriteConflict, writeGuardHeaders } from "./write-guard";

/** What a push reads back of the written post; WordPress then skips rendering the rest. */
const WRITE_FIELDS = "id,status,link,modified_gmt";

type Prepared = { item: PushItem; route: string; payload: Record<string, unknown> };
type Sent = { ok: true; post: WpPost; action: "created" | "updated" } | { ok: false; error: unknown };

const isAmbiguous = (error: unknown) =>
  error instanceof PlatformError &&
  (error.code === "unreachable" ||
    error.code === "server_error" ||
    error.code === "invalid_response" ||
    error.retryable);
const settle = (p: Promise<Omit<Extract<Sent, { ok: true }>, "ok">>): Promise<Sent> =>
  p.then(
    (r) => ({ ok: true as const, ...r }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * Creates or updates items; with `batch`, through `/batch/v1` when the site offers it. Our id
 * goes with every post (`_igny8_content_id`, the plugin's exactly-once mark). One outcome per
 * item, in order; a stale update is a conflict outcome with WordPress's current copy.
 */
export async function pushItems(
  site: WpSite,
  items: PushItem[],
  options: { batch?: boolean } = {},
): Promise<PushOutcome[]> {
  const prepared = await Promise.all(
    items.map(async (item): Promise<Prepared | { error: unknown }> => {
      try {
        const { route } = await resolveType(site.client, item.contentType);
        const meta = { ...(await seoMetaOf(site, item.fields)), _igny8_content_id: item.ref };
        return { item, route, payload: { ...toWordPressPayload(item.fields), meta } };
      } catch (error) {
        if (isSiteWideFailure(error)) throw error;
        return { error };
      }
    }),
  );
  const ready = prepared.filter((p): p is Prepared => "payload" in p);
  const maxItems = options.batch && ready.length > 1 ? await site.client.getBatchMaxItems() : 0;
  const sent =
    maxItems > 0
      ? await sendBatched(site, ready, maxItems)
      : await mapWithConcurrency(ready, site.concurrency, (p) => settle(sendOne(site, p)));
  const outcomes: PushOutcome[] = [];
  let next = 0;
  for (const p of prepared) {
    if (!("payload" in p)) outcomes.push({ ok: false, error: p.error });
    else outcomes.push(await outcomeOf(site, p, sent[next++]));
  }
  return outcomes;
}

async function outcomeOf(site: WpSite, p: Prepared, sent: Sent): Promise<PushOutcome> {
  if (sent.ok) {
    const { post, action } = sent;
    const item = {
      externalId: String(post.id),
      url: post.link ?? null,
      remoteStatus: post.status ?? "publish",
      version: post.modified_gmt ?? null,
    };
    return { ok: true, action, item };
  }
  if (!isWriteConflict(sent.error) || !p.item.externalId) return { ok: false, error: sent.error };
  try {
    const remote = await getItem(site, p.item.contentType, p.item.externalId);
    if (!remote)
      throw new PlatformError("not_found", "The post was deleted in WordPress.", {
        fix: "Push the item again to create it anew.",
      });
    return { ok: false, error: sent.error, conflict: { remote, isExact: isExactConflict(sent.error) } };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Creates or updates one item; a create whose answer was lost is looked up before it is retried. */
async function sendOne(site: WpSite, p: Prepared): Promise<{ post: WpPost; action: "created" | "updated" }> {
  const id = p.item.externalId;
  const query = { _fields: WRITE_FIELDS };
  const write = async (method: "PUT" | "POST", route: string, headers?: Record<string, string>) =>
    (await site.client.request(method, route, { query, json: p.payload, schema: wpPostSchema, headers })).data;
  if (id)
    return {
      post: await write("PUT", `${p.route}/${id}`, await writeGuardHeaders(site, { ...p.item, route: p.route })),
      action: "updated",
    };
  for (let attempt = 0; ; attempt++) {
    try {
      return { post: await write("POST", p.route), action: "created" };
    } catch (error) {
      if (!isAmbiguous(error) || attempt >= 2) throw error;
      const existing = await findCreated(site, { ...p.item, slug: p.item.fields.slug, title: p.item.fields.title });
      if (existing) return { post: await write("PUT", `${p.route}/${existing}`), action: "created" };
    }
  }
}

/**
 * Up to maxItems per `/batch/v1` request, as many requests at once as single pushes use; chunks
 * whose answer is lost or refused go one by one.
 */
async function sendBatched(site: WpSite, prepared: Prepared[], maxItems: number): Promise<Sent[]> {
  const results = new Array<Sent>(prepared.length);
  const chunks = Array.from({ length: Math.ceil(prepared.length / maxItems) }, (_, i) =>
    prepared.slice(i * maxItems, (i + 1) * maxItems).map((p, j) => ({ p, index: i * maxItems + j })),
  );
  await mapWithConcurrency(chunks, site.concurrency, async (chunk) => {
    let responses: Array<{ status?: number; body: unknown }>;
    try {
      // An update whose post changed since the base (check without the plugin) sends the chunk one by one.
      const requests = await Promise.all(
        chunk.map(async ({ p }) => ({
          method: p.item.externalId ? "PUT" : "POST",
          path: `${p.item.externalId ? `${p.route}/${p.item.externalId}` : p.route}?_fields=${WRITE_FIELDS}`,
          body: p.payload,
          headers: { "X-IGNY8-Origin": "igny8", ...(await writeGuardHeaders(site, { ...p.item, route: p.route })) },
        })),
      );
      const res = await site.client.request("POST", "/batch/v1", { json: { requests }, schema: wpBatchResponseSchema });
      responses = res.data.responses;
    } catch (error) {
      if (isSiteWideFailure(error)) throw error;
      // Lost or refused: each item alone (a create that went through is found before re-creating).
      await mapWithConcurrency(chunk, site.concurrency, async ({ p, index }) => {
        results[index] = await settle(sendOne(site, p));
      });
      return;
    }
    await mapWithConcurrency(chunk, site.concurrency, async ({ p, index }) => {
      const res = responses[chunk.findIndex((c) => c.index === index)];
      const status = res?.status ?? 0;
      const parsed = status >= 200 && status < 300 ? wpPostSchema.safeParse(res?.body) : undefined;
      if (parsed?.success) {
        results[index] = { ok: true, post: parsed.data, action: p.item.externalId ? "updated" : "created" };
        return;
      }
      const error = fromHttpError(status || 500, "application/json", JSON.stringify(res?.body ?? {}), null);
      results[index] =
        error.platformCode === "rest_batch_not_allowed" ? await settle(sendOne(site, p)) : { ok: false, error };
    });
  });
  return results;
}
