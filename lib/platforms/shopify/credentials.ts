import "server-only";
import { z } from "zod";
import { PlatformError, type ConnectParams, type Credentials, type PlatformFetch } from "@/lib/platforms/types";
import { FIX } from "./errors";
import {
  clientCredentialsToken,
  refreshAccessToken,
  tokensAsCredentials,
  type ShopifyApp,
  type ShopifyTokens,
} from "./oauth";

/**
 * A store's credentials: an Admin API access token as is; the merchant's own app (client id and
 * secret, client-credentials grant); or OAuth tokens (`access_token`, `refresh_token`, `expires_at`),
 * renewed before they expire. Renewing an OAuth token needs the app: `client_id`/`client_secret`
 * stored beside them, or (one-click connect) `client_id` naming IGNY8's own app, whose secret stays
 * in the environment.
 */
export const shopifyCredentialsSchema = z.union([
  z.object({
    access_token: z.string().trim().min(1, "is required"),
    refresh_token: z.string().min(1).optional(),
    expires_at: z.string().optional(),
    scope: z.string().optional(),
    client_id: z.string().min(1).optional(),
    client_secret: z.string().min(1).optional(),
  }),
  z.object({
    client_id: z.string().trim().min(1, "is required"),
    client_secret: z.string().trim().min(1, "is required"),
    access_token: z.string().optional(),
    expires_at: z.string().optional(),
  }),
]) as unknown as z.ZodType<Credentials>;

/** Renew this long before a token's end, so no request meets an expired one. */
const RENEW_EARLY_MS = 5 * 60 * 1000;

/** The access token for each request: fetched, renewed and saved as the credentials allow. */
export class TokenSource {
  private creds: Credentials;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly siteUrl: string,
    credentials: Credentials,
    private readonly http: PlatformFetch,
    private readonly save?: ConnectParams["saveCredentials"],
    /** IGNY8's own app: renews the tokens one-click connect stored (they name its client_id, not its secret). */
    private readonly ownApp?: ShopifyApp,
  ) {
    const parsed = shopifyCredentialsSchema.safeParse(credentials);
    if (!parsed.success)
      throw new PlatformError("auth_failed", "Shopify needs an access_token, or a client_id and client_secret.", {
        fix: FIX.credentials,
      });
    this.creds = { ...credentials };
  }

  private get app(): ShopifyApp | undefined {
    const { client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken } = this.creds;
    if (clientId && clientSecret) return { clientId, clientSecret };
    // Only a refresh token of IGNY8's own app is renewed with it (never a pasted token).
    const own = this.ownApp;
    return own && refreshToken && (!clientId || clientId === own.clientId) ? own : undefined;
  }

  /** Whether the token can be renewed (so a 401 is worth one renewal). */
  get canRenew(): boolean {
    return !!this.app;
  }

  private isFresh(): boolean {
    if (!this.creds.access_token) return false;
    if (!this.creds.expires_at) return true;
    return Date.parse(this.creds.expires_at) - RENEW_EARLY_MS > Date.now();
  }

  /** The token to send now. */
  async get(): Promise<string> {
    if (this.isFresh()) return this.creds.access_token;
    if (!this.app) {
      if (this.creds.access_token) return this.creds.access_token;
      throw new PlatformError("auth_failed", "No Shopify access token.", { fix: FIX.credentials });
    }
    return this.renew();
  }

  /** Fetches a new token once, however many requests ask at the same time. */
  renew(): Promise<string> {
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const app = this.app;
    if (!app) throw new PlatformError("auth_failed", "Shopify refused the access token.", { fix: FIX.credentials });
    const p = { siteUrl: this.siteUrl, http: this.http, app };
    const tokens: ShopifyTokens = this.creds.refresh_token
      ? await refreshAccessToken({ ...p, refreshToken: this.creds.refresh_token })
      : await clientCredentialsToken(p);
    this.creds = { ...this.creds, ...tokensAsCredentials(tokens) };
    await this.save?.(this.creds);
    return tokens.access_token;
  }
}
