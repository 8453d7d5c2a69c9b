import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "./store";

/**
 * What the test server serves outside the Data API spec: the "S3" form-POST upload target of
 * step 2 of an asset upload, the CDN that hosts uploaded files, and the OAuth token endpoint.
 */
export type OAuthApp = { clientId: string; clientSecret: string; codes: Map<string, string[]> };

const send = (res: ServerResponse, status: number, body: string, type = "application/json") =>
  res.writeHead(status, { "content-type": type }).end(body);

async function upload(store: Store, req: IncomingMessage, raw: Buffer, res: ServerResponse) {
  const form = await new Request("http://s3.local/", {
    method: "POST",
    headers: { "content-type": req.headers["content-type"] ?? "" },
    body: new Uint8Array(raw),
  }).formData();
  const required = [
    "acl",
    "bucket",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "key",
    "Policy",
    "X-Amz-Signature",
  ];
  const missing = required.filter((name) => !form.has(name));
  const file = form.get("file");
  if (missing.length || !(file instanceof Blob))
    return send(
      res,
      400,
      `<Error><Code>InvalidArgument</Code><Message>Missing ${[...missing, "file"].join(",")}</Message></Error>`,
      "application/xml",
    );
  const key = String(form.get("key"));
  const asset = [...store.assets.values()].find((a) => key === `${a.siteId}/${a.id}/${a.fileName}`);
  const bytes = Buffer.from(await file.arrayBuffer());
  if (!asset || createHash("md5").update(bytes).digest("hex") !== asset.fileHash)
    return send(res, 400, "<Error><Code>BadDigest</Code></Error>", "application/xml");
  asset.bytes = bytes;
  send(res, 201, `<PostResponse><Key>${key}</Key></PostResponse>`, "application/xml");
}

function token(store: Store, app: OAuthApp, raw: Buffer, res: ServerResponse) {
  let body: Record<string, string> = {};
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    body = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
  }
  const scopes = app.codes.get(body.code);
  if (body.client_id !== app.clientId || body.client_secret !== app.clientSecret)
    return send(res, 401, JSON.stringify({ error: "invalid_client" }));
  if (body.grant_type !== "authorization_code" || !scopes)
    return send(res, 400, JSON.stringify({ error: "invalid_grant" }));
  app.codes.delete(body.code); // single use
  const accessToken = randomBytes(24).toString("hex");
  store.tokens.set(accessToken, { scopes, siteIds: [...store.sites.keys()], isOAuthApp: true });
  send(res, 200, JSON.stringify({ access_token: accessToken, token_type: "bearer", scope: scopes.join(" ") }));
}

/** Serves the side doors; false when the request is for the API itself. */
export async function sideDoor(
  store: Store,
  app: OAuthApp,
  req: IncomingMessage,
  raw: Buffer,
  res: ServerResponse,
): Promise<boolean> {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (req.method === "POST" && path === "/s3/upload") return (await upload(store, req, raw, res), true);
  if (req.method === "POST" && path === "/oauth/access_token") return (token(store, app, raw, res), true);
  const cdn = /^\/cdn\/([0-9a-f]+)\//.exec(path);
  if (req.method === "GET" && cdn) {
    const bytes = store.assets.get(cdn[1])?.bytes;
    if (!bytes) return (send(res, 404, "Not found", "text/plain"), true);
    res.writeHead(200, { "content-type": "image/png" }).end(bytes);
    return true;
  }
  return false;
}
