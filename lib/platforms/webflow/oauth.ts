import "server-only";
import { PlatformError, type PlatformFetch } from "@/lib/platforms/types";

/** Webflow's OAuth endpoints for a Data Client App (WEBFLOW_OAUTH_URL serves both paths in tests). */
export const WEBFLOW_AUTHORIZE_URL = "https://webflow.com/oauth/authorize";
export const WEBFLOW_TOKEN_URL = "https://api.webflow.com/oauth/access_token";

/** The environment variables of IGNY8's Webflow app. */
export const WEBFLOW_APP_VARS = { clientIdVar: "WEBFLOW_CLIENT_ID", clientSecretVar: "WEBFLOW_CLIENT_SECRET" };

/**
 * What IGNY8 needs: read sites, read and write the CMS and assets, and sites:write, without which
 * Webflow refuses to register the webhooks IGNY8 installs after connecting.
 */
export const WEBFLOW_SCOPES = ["sites:read", "sites:write", "cms:read", "cms:write", "assets:read", "assets:write"];

/** The address to send the user to; `state` is single-use and kept by the caller until the redirect back. */
export function webflowAuthorizeUrl(params: {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes?: string[];
  authorizeUrl?: string;
}): string {
  const url = new URL(params.authorizeUrl ?? WEBFLOW_AUTHORIZE_URL);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("scope", (params.scopes ?? WEBFLOW_SCOPES).join(" "));
  url.searchParams.set("state", params.state);
  return url.toString();
}

/**
 * Trades the code of the redirect back for an access token (`credentials: {access_token}`), through
 * the engine's egress. The webflow-api client's own helper posts to a fixed host, so it is not used.
 */
export async function exchangeWebflowCode(params: {
  http: PlatformFetch;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  tokenUrl?: string;
}): Promise<{ access_token: string; scope: string }> {
  const body = {
    client_id: params.clientId,
    client_secret: params.clientSecret,
    code: params.code,
    grant_type: "authorization_code",
    redirect_uri: params.redirectUri,
  };
  const res = await params.http(params.tokenUrl ?? WEBFLOW_TOKEN_URL, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { access_token?: string; scope?: string; error?: string };
  if (res.status === 401 || json.error === "invalid_client")
    throw new PlatformError("auth_failed", "Webflow refused IGNY8's app credentials.", {
      status: res.status,
      fix: "Check WEBFLOW_CLIENT_ID and WEBFLOW_CLIENT_SECRET.",
    });
  if (!res.ok || !json.access_token)
    throw new PlatformError("bad_request", `Webflow refused the authorization code (${json.error ?? res.status}).`, {
      status: res.status,
      platformCode: json.error,
      fix: "Start the connection again: the code is single use and expires quickly.",
    });
  return { access_token: json.access_token, scope: json.scope ?? "" };
}
