import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { PlatformError, type Credentials, type PlatformFetch } from "@/lib/platforms/types";
import { FIX, fromStatus, fromTransportError } from "./errors";
import { tokenResponseSchema } from "./schemas";

/** The access scopes IGNY8 asks a store for. */
export const SHOPIFY_SCOPES = ["read_content", "write_content", "read_products", "write_products", "write_files"];

/** The app IGNY8 connects as (SHOPIFY_CLIENT_ID / SHOPIFY_CLIENT_SECRET, or the merchant's own app). */
export type ShopifyApp = { clientId: string; clientSecret: string };

/**
 * Where to send the merchant to approve the app (authorization-code grant). `state` must be single-use
 * and checked on the way back; the redirect URI must be listed in the app's settings.
 */
export function buildAuthorizeUrl(params: {
  siteUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scopes?: string[];
}): string {
  const url = new URL("/admin/oauth/authorize", params.siteUrl);
  url.search = new URLSearchParams({
    client_id: params.clientId,
    scope: (params.scopes ?? SHOPIFY_SCOPES).join(","),
    redirect_uri: params.redirectUri,
    state: params.state,
  }).toString();
  return url.toString();
}

/** Whether Shopify signed the callback query: hex HMAC-SHA256 of the sorted pairs without `hmac`, in constant time. */
export function verifyCallbackHmac(query: URLSearchParams, clientSecret: string): boolean {
  const given = query.get("hmac") ?? "";
  const message = [...query.entries()]
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const expected = createHmac("sha256", clientSecret).update(message).digest();
  const actual = Buffer.from(given, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The shop a callback names, when it is a myshopify.com host (Shopify's rule); anything else is refused. */
export function callbackShop(query: URLSearchParams): string | undefined {
  const shop = query.get("shop") ?? "";
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop) ? shop.toLowerCase() : undefined;
}

/** OAuth tokens as stored in the integration's credentials (`expires_at` in ISO 8601). */
export type ShopifyTokens = { access_token: string; refresh_token?: string; expires_at?: string; scope?: string };

async function requestToken(
  siteUrl: string,
  http: PlatformFetch,
  form: Record<string, string>,
): Promise<ShopifyTokens> {
  let res: Response;
  try {
    res = await http(new URL("/admin/oauth/access_token", siteUrl), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(form).toString(),
      timeoutMs: 15_000,
    });
  } catch (err) {
    throw fromTransportError(err);
  }
  const text = await res.text();
  if (res.status === 400 || res.status === 401)
    throw new PlatformError("auth_failed", `Shopify refused the app's credentials: ${text.slice(0, 200)}`, {
      status: res.status,
      fix: FIX.credentials,
    });
  if (!res.ok) throw fromStatus(res.status, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PlatformError("invalid_response", "The token endpoint did not answer JSON: not a Shopify store?", {
      fix: FIX.notShopify,
      platformCode: "not_shopify",
    });
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new PlatformError("invalid_response", "Shopify's token answer has no access_token.");
  const t = parsed.data;
  return {
    access_token: t.access_token,
    ...(t.refresh_token && { refresh_token: t.refresh_token }),
    ...(t.expires_in !== undefined && { expires_at: new Date(Date.now() + t.expires_in * 1000).toISOString() }),
    ...(t.scope !== undefined && { scope: t.scope }),
  };
}

/** Exchanges the callback's code for an expiring offline token and its refresh token (`expiring=1`). */
export function exchangeCode(p: { siteUrl: string; http: PlatformFetch; app: ShopifyApp; code: string }) {
  return requestToken(p.siteUrl, p.http, {
    client_id: p.app.clientId,
    client_secret: p.app.clientSecret,
    code: p.code,
    expiring: "1",
  });
}

/** Renews an expiring offline token; the answer carries a new refresh token (the old one is spent). */
export function refreshAccessToken(p: { siteUrl: string; http: PlatformFetch; app: ShopifyApp; refreshToken: string }) {
  return requestToken(p.siteUrl, p.http, {
    client_id: p.app.clientId,
    client_secret: p.app.clientSecret,
    grant_type: "refresh_token",
    refresh_token: p.refreshToken,
  });
}

/** The client-credentials grant: for an app of the merchant's own organisation; the token lasts about 24 h. */
export function clientCredentialsToken(p: { siteUrl: string; http: PlatformFetch; app: ShopifyApp }) {
  return requestToken(p.siteUrl, p.http, {
    client_id: p.app.clientId,
    client_secret: p.app.clientSecret,
    grant_type: "client_credentials",
  });
}

/** What the callback gives the integration to store: the store and its credentials. */
export function tokensAsCredentials(tokens: ShopifyTokens): Credentials {
  return Object.fromEntries(Object.entries(tokens).filter(([, v]) => v !== undefined)) as Credentials;
}
