/**
 * The test shop's OAuth endpoints: `/admin/oauth/authorize` (approves at once and redirects back
 * with a signed query) and `/admin/oauth/access_token` (authorization code, refresh of expiring
 * offline tokens, client credentials), as Shopify documents them.
 */
import { createHmac, randomBytes } from "node:crypto";

export type TestApp = { clientId: string; clientSecret: string };

export type TokenGrant = { scopes: string[]; expiresAtMs: number | null };

/** Tokens the shop accepts, and how the app may get new ones. */
export class TokenStore {
  readonly tokens = new Map<string, TokenGrant>();
  private codes = new Map<string, { scopes: string[] }>();
  private refreshTokens = new Map<string, { scopes: string[] }>();
  /** Lifetimes, shortened by tests that watch renewal. */
  accessTokenTtlMs = 60 * 60 * 1000;
  clientCredentialsTtlMs = 24 * 60 * 60 * 1000;

  constructor(
    readonly app: TestApp,
    readonly shop: string,
    /** What the app is granted. */
    public scopes: string[],
  ) {}

  /** A token as a merchant's legacy admin app shows it (never expires). */
  issueStatic(scopes = this.scopes): string {
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    this.tokens.set(token, { scopes, expiresAtMs: null });
    return token;
  }

  check(token: string | null): TokenGrant | undefined {
    const grant = token ? this.tokens.get(token) : undefined;
    return grant && (grant.expiresAtMs === null || grant.expiresAtMs > Date.now()) ? grant : undefined;
  }

  /** GET /admin/oauth/authorize: the merchant approves; back to redirect_uri with code, shop, state, timestamp, hmac. */
  authorize(query: URLSearchParams): { status: number; location?: string; body?: string } {
    if (query.get("client_id") !== this.app.clientId) return { status: 400, body: "Unknown client_id" };
    const redirect = query.get("redirect_uri");
    if (!redirect) return { status: 400, body: "redirect_uri is required" };
    const code = randomBytes(12).toString("hex");
    this.codes.set(code, { scopes: (query.get("scope") ?? "").split(",").filter(Boolean) });
    const params = new URLSearchParams({
      code,
      host: Buffer.from(`${this.shop}/admin`).toString("base64url"),
      shop: this.shop,
      state: query.get("state") ?? "",
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    params.set("hmac", signQuery(params, this.app.clientSecret));
    return { status: 302, location: `${redirect}?${params}` };
  }

  /** POST /admin/oauth/access_token. */
  exchange(body: Record<string, string>): { status: number; json: Record<string, unknown> } {
    if (body.client_id !== this.app.clientId || body.client_secret !== this.app.clientSecret)
      return { status: 400, json: { error: "invalid_client", error_description: "Client authentication failed" } };
    const grant = body.grant_type ?? "authorization_code";
    if (grant === "client_credentials") {
      return { status: 200, json: this.mint(this.scopes, this.clientCredentialsTtlMs, false) };
    }
    if (grant === "refresh_token") {
      const found = this.refreshTokens.get(body.refresh_token ?? "");
      if (!found)
        return { status: 400, json: { error: "invalid_grant", error_description: "Refresh token is invalid" } };
      this.refreshTokens.delete(body.refresh_token);
      return { status: 200, json: this.mint(found.scopes, this.accessTokenTtlMs, true) };
    }
    const found = this.codes.get(body.code ?? "");
    if (grant !== "authorization_code" || !found)
      return {
        status: 400,
        json: {
          error: "invalid_request",
          error_description: "The authorization code was not found or was already used",
        },
      };
    this.codes.delete(body.code);
    const scopes = found.scopes.length ? found.scopes : this.scopes;
    const isExpiring = body.expiring === "1";
    return { status: 200, json: this.mint(scopes, isExpiring ? this.accessTokenTtlMs : null, isExpiring) };
  }

  private mint(scopes: string[], ttlMs: number | null, withRefresh: boolean) {
    const token = `shpua_${randomBytes(16).toString("hex")}`;
    this.tokens.set(token, { scopes, expiresAtMs: ttlMs === null ? null : Date.now() + ttlMs });
    const json: Record<string, unknown> = { access_token: token, scope: scopes.join(",") };
    if (ttlMs !== null) json.expires_in = Math.floor(ttlMs / 1000);
    if (withRefresh) {
      const refresh = `shprt_${randomBytes(16).toString("hex")}`;
      this.refreshTokens.set(refresh, { scopes });
      Object.assign(json, { refresh_token: refresh, refresh_token_expires_in: 90 * 24 * 3600 });
    }
    return json;
  }
}

/** Shopify's OAuth query signature: hex HMAC-SHA256 of the sorted `key=value` pairs without `hmac`. */
export function signQuery(params: URLSearchParams, secret: string): string {
  const message = [...params.entries()]
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}
