/**
 * One-click connect: the user approves IGNY8 on the platform's own screen (WordPress's "Authorize
 * Application", Shopify's and Webflow's OAuth) and the platform sends them back to our callback.
 * The caller (the one-click service) owns the `state`: random, single use, stored bound to the
 * user, account, site and platform, and checked before `complete` is called.
 */
import type { Credentials, PlatformFetch } from "./types";

/** The OAuth app IGNY8 connects as: its client id and secret, from the environment. */
export type OAuthApp = { clientId: string; clientSecret: string };

/** What `start` is given. */
export type AuthorizeStartParams = {
  /** The site's address in the adapter's stored form (normaliseSiteUrl's). */
  siteUrl: string;
  http: PlatformFetch;
  /** The single-use state; it must come back on the redirect (OAuth's `state`, or in WordPress's success URL). */
  state: string;
  /** Our callback address without a query: the redirect URI registered with the platform's app. */
  callbackUrl: string;
  /** A fixed id the platform groups our credentials under (WordPress's app_id). */
  appId: string;
  /** A name for the credential the platform creates (WordPress: one Application Password per connection). */
  appName: string;
  /** The OAuth app; set for platforms that declare `oauthApp`, whose start is refused before without it. */
  app?: OAuthApp;
};

/** What `complete` is given: the redirect back, once its state has been found and consumed. */
export type AuthorizeCompleteParams = {
  /** The callback's whole query (code, state, the platform's signature, ...). */
  query: URLSearchParams;
  /** The site the state was issued for. */
  siteUrl: string;
  /** As given to `start` (OAuth's token request repeats it). */
  callbackUrl: string;
  /** The egress: the code is exchanged through it. */
  http: PlatformFetch;
  app?: OAuthApp;
};

/** Why the site or the request cannot start: a refusal of the site, or (with `field`) a bad input. */
export type AuthorizeRefusal = { ok: false; code: string; message: string; fix?: string; field?: string };

/** Why a redirect back connects nothing: a stable code (the result page explains each) and detail. */
export type AuthorizeFailure = { ok: false; code: string; message?: string };

/** One-click connect through the platform's own approval screen. */
export interface PlatformAuthorize {
  /**
   * For OAuth: the environment variables that hold IGNY8's app on this platform. Start is refused
   * (naming them) while either is unset, and `app` is given to start and complete.
   */
  readonly oauthApp?: { clientIdVar: string; clientSecretVar: string };
  /** The address to send the user to, or why the site cannot approve us. */
  start(params: AuthorizeStartParams): Promise<{ ok: true; url: string } | AuthorizeRefusal>;
  /**
   * Reads the platform's redirect back: checks it (OAuth: the platform's signature, the shop), then
   * exchanges the code for credentials through `http`. Throws only PlatformError for a failed exchange.
   */
  complete(
    params: AuthorizeCompleteParams,
  ): Promise<{ ok: true; siteUrl: string; credentials: Credentials } | AuthorizeFailure>;
}
