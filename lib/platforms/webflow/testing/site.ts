import { fail, noContent, ok, type Answer, type Call } from "./answers";
import { objectId, type Store } from "./store";

type Handler = (store: Store, call: Call) => Answer;
const SITE_PUBLISH_GAP_MS = 60_000;

const siteOf = (store: Store, call: Call) => {
  const site = store.sites.get(call.params.site_id);
  const token = store.tokens.get(call.token);
  return site && token?.siteIds.includes(site.id) ? site : undefined;
};
const noSite = (call: Call) => fail(404, "resource_not_found", `Site ${call.params.site_id} not found`);

function siteBody(store: Store, id: string) {
  const site = store.sites.get(id)!;
  return { id, workspaceId: "52f3b1f7eafac55d0c64ef91", displayName: site.displayName, shortName: site.shortName };
}

function collectionSummary(c: { id: string; displayName: string; singularName: string; slug: string }) {
  const { id, displayName, singularName, slug } = c;
  return { id, displayName, singularName, slug };
}

function assetBody(call: Call, asset: { id: string; siteId: string; fileName: string; createdOn: string }) {
  const hostedUrl = `${call.origin}/cdn/${asset.id}/${encodeURIComponent(asset.fileName)}`;
  return {
    id: asset.id,
    siteId: asset.siteId,
    hostedUrl,
    originalFileName: asset.fileName,
    createdOn: asset.createdOn,
  };
}

/** Site, collection, asset and webhook handlers by the spec's operationId. */
export const siteHandlers: Record<string, Handler> = {
  "list-sites": (s, c) => ok({ sites: (s.tokens.get(c.token)?.siteIds ?? []).map((id) => siteBody(s, id)) }),
  "get-site": (s, c) => (siteOf(s, c) ? ok(siteBody(s, c.params.site_id)) : noSite(c)),
  "list-collections": (s, c) => {
    if (!siteOf(s, c)) return noSite(c);
    const list = [...s.collections.values()].filter((col) => col.siteId === c.params.site_id);
    return ok({ collections: list.map(collectionSummary) });
  },
  "collection-details": (s, c) => {
    const col = s.collections.get(c.params.collection_id);
    if (!col) return fail(404, "collection_not_found", `Collection ${c.params.collection_id} not found`);
    return ok({
      ...collectionSummary(col),
      createdOn: col.createdOn,
      lastUpdated: col.lastUpdated,
      fields: col.fields,
    });
  },
  "site-publish": (s, c) => {
    if (!siteOf(s, c)) return noSite(c);
    const last = s.sitePublishedAt.get(c.params.site_id) ?? 0;
    if (Date.now() - last < SITE_PUBLISH_GAP_MS)
      return {
        ...fail(429, "too_many_requests", "Site publish is limited to once a minute."),
        headers: { "Retry-After": "60" },
      };
    s.sitePublishedAt.set(c.params.site_id, Date.now());
    return ok({ customDomains: [], publishToWebflowSubdomain: true }, 202);
  },
  /** Step 1 of an upload: where to POST the file and the form fields to send with it. */
  "create-asset": (s, c) => {
    if (!siteOf(s, c)) return noSite(c);
    const { fileName, fileHash } = c.body as { fileName: string; fileHash: string };
    if (fileName.length >= 100) return fail(400, "validation_error", "fileName must be under 100 characters");
    const asset = { id: objectId(), siteId: c.params.site_id, fileName, fileHash, createdOn: s.now() };
    s.assets.set(asset.id, asset);
    const key = `${c.params.site_id}/${asset.id}/${fileName}`;
    const uploadDetails = {
      acl: "public-read",
      bucket: "webflow-test-assets",
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "TEST/20260101/us-east-1/s3/aws4_request",
      "X-Amz-Date": "20260101T000000Z",
      key,
      Policy: Buffer.from(JSON.stringify({ key, md5: fileHash })).toString("base64"),
      "X-Amz-Signature": "0".repeat(64),
      success_action_status: "201",
      "content-type": "application/octet-stream",
      "Cache-Control": "max-age=31536000, must-revalidate",
    };
    const hostedUrl = assetBody(c, asset).hostedUrl;
    return ok({ id: asset.id, uploadUrl: `${c.origin}/s3/upload`, uploadDetails, hostedUrl, assetUrl: hostedUrl });
  },
  "get-asset": (s, c) => {
    const asset = s.assets.get(c.params.asset_id);
    if (!asset?.bytes) return fail(404, "resource_not_found", `Asset ${c.params.asset_id} not found`);
    const base = assetBody(c, asset);
    return ok({
      ...base,
      contentType: "image/png",
      size: asset.bytes.length,
      displayName: asset.fileName,
      lastUpdated: asset.createdOn,
      variants: [],
      altText: "",
    });
  },
  "list-assets": (s, c) => {
    if (!siteOf(s, c)) return noSite(c);
    const assets = [...s.assets.values()].filter((a) => a.siteId === c.params.site_id && a.bytes);
    const list = assets.map((a) => ({ ...assetBody(c, a), contentType: "image/png", size: a.bytes!.length }));
    return ok({ assets: list, pagination: { limit: 100, offset: 0, total: list.length } });
  },
  "delete-asset": (s, c) =>
    s.assets.delete(c.params.asset_id) ? noContent() : fail(404, "resource_not_found", "No such asset"),
  "list-webhooks": (s, c) => {
    if (!siteOf(s, c)) return noSite(c);
    const hooks = [...s.webhooks.values()].filter((w) => w.siteId === c.params.site_id);
    return ok({ webhooks: hooks, pagination: { limit: 100, offset: 0, total: hooks.length } });
  },
  /** Only a Data Client App (OAuth) token may create webhooks, and at most 75 per trigger type. */
  "create-webhook": (s, c) => {
    if (!siteOf(s, c)) return noSite(c);
    if (!s.tokens.get(c.token)?.isOAuthApp)
      return fail(403, "forbidden", "Creating webhooks requires a bearer token from a Data Client App");
    const { triggerType, url } = c.body as { triggerType: string; url: string };
    const same = [...s.webhooks.values()].filter((w) => w.siteId === c.params.site_id && w.triggerType === triggerType);
    if (same.length >= 75) return fail(400, "validation_error", "At most 75 webhooks per triggerType");
    const hook = { id: objectId(), siteId: c.params.site_id, triggerType, url, createdOn: s.now() };
    s.webhooks.set(hook.id, hook);
    return ok(hook, 201);
  },
  "remove-webhook": (s, c) =>
    s.webhooks.delete(c.params.webhook_id) ? noContent() : fail(404, "resource_not_found", "No such webhook"),
};
