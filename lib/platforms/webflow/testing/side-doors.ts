import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "./store";

/**
 * What the test server serves outside the Data API spec: the "S3" form-POST upload target of
 * step 2 of an asset upload, the CDN that hosts uploaded files, and the OAuth authorize page and
 * token endpoint.
 */
export type OAuthApp = {
  clientId: string;
  clientSecret: string;
  /** Codes not yet exchanged, with the scopes each grants. */
  codes: Map<string, string[]>;
  /** The redirect URI each code was issued for: the token request must repeat it. */
  redirectUris: Map<string, string>;
};

/** Scopes a Data Client App may ask for (the ones the fixture's tokens use). */
const KNOWN_SCOPES = new Set(["sites:read", "sites:write", "cms:read", "cms:write", "assets:read", "assets:write"]);

/**
 * GET /oauth/authorize: the user approves at once, and is sent back to redirect_uri with a code and
 * the state, as Webflow does; an unknown client, a bad response_type or scope is refused with 400.
 */
function authorize(app: OAuthApp, query: URLSearchParams, res: ServerResponse) {
  const redirect = query.get("redirect_uri");
  const scopes = (query.get("scope") ?? "").split(" ").filter(Boolean);
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
  const problem =
    query.get("client_id") !== app.clientId
      ? "Unknown client_id"
      : query.get("response_type") !== "code"
        ? "response_type must be code"
        : !redirect
          ? "redirect_uri is required"
          : !scopes.length || unknown.length
            ? `Invalid scope: ${unknown.join(" ") || "(none)"}`
            : undefined;
  if (problem || !redirect) return send(res, 400, problem ?? "", "text/plain");
  const code = randomBytes(16).toString("hex");
  app.codes.set(code, scopes);
  app.redirectUris.set(code, redirect);
  const back = new URL(redirect);
  back.searchParams.set("code", code);
  if (query.get("state") !== null) back.searchParams.set("state", query.get("state")!);
  res.writeHead(302, { location: back.toString() }).end();
}

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
  const redirect = app.redirectUris.get(body.code);
  if (body.grant_type !== "authorization_code" || !scopes || (redirect && redirect !== body.redirect_uri))
    return send(res, 400, JSON.stringify({ error: "invalid_grant" }));
  app.codes.delete(body.code); // single use
  app.redirectUris.delete(body.code);
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
  const url = new URL(req.url ?? "/", "http://x");
  const path = url.pathname;
  if (req.method === "GET" && path === "/oauth/authorize") return (authorize(app, url.searchParams, res), true);
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
