import "server-only";
import { PlatformError, type ConnectParams, type Credentials, type PlatformFetch } from "@/lib/platforms/types";
import { createWebflowApi, type WebflowApi } from "./client";
import { FIX } from "./errors";
import { validateFieldMap } from "./fields";
import { webflowConfigSchema, type FieldMap, type WebflowCollection, type WebflowConfig } from "./schemas";

/**
 * Where the adapter sends its requests; tests point them at the test server. `oauthUrl` serves
 * /oauth/authorize and /oauth/access_token (webflow.com and api.webflow.com by default).
 */
export type WebflowEndpoints = {
  baseUrl?: string;
  rateWindowMs?: number;
  oauthUrl?: string;
  /** IGNY8's Data Client App: Webflow signs the webhooks it registers with the app's client secret. */
  app?: { clientId: string; clientSecret: string };
};

/** The token of a connection: a site API token or an OAuth access token. */
export function tokenOf(credentials: Credentials): string {
  const token = credentials.api_token || credentials.access_token;
  if (!token) throw new PlatformError("auth_failed", "No Webflow token was given.", { fix: FIX.token });
  return token;
}

/** Reads `config_json`; a missing or malformed one is a setup problem the user fixes in settings. */
export function readConfig(config: Record<string, unknown> | undefined): WebflowConfig {
  const parsed = webflowConfigSchema.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PlatformError(
    "bad_request",
    `The Webflow settings are incomplete (${issue.path.join(".") || "config"}: ${issue.message}).`,
    {
      platformCode: "mapping_invalid",
      permanent: true,
      fix: "Choose the site and collection and confirm the field mapping in the integration's settings.",
    },
  );
}

/** One connection's state: the API, the site's address, and the collection checked once per session. */
export type WfSite = {
  api: WebflowApi;
  http: PlatformFetch;
  siteUrl: string;
  config: WebflowConfig;
  /** The collection with its fields, its map validated (throws `mapping_invalid` naming the field). */
  collection(): Promise<{ collection: WebflowCollection; map: FieldMap }>;
};

/** The PlatformError of a map that no longer fits the collection. */
export function mappingInvalid(collection: WebflowCollection, map: FieldMap): PlatformError | undefined {
  const problems = validateFieldMap(collection, map);
  if (!problems.length) return undefined;
  return new PlatformError(
    "bad_request",
    `The field mapping no longer fits Webflow: ${problems.map((p) => p.problem).join("; ")}.`,
    {
      platformCode: "mapping_invalid",
      permanent: true,
      data: { problems },
      fix: FIX.mapping,
    },
  );
}

export function openSite(params: ConnectParams, endpoints: WebflowEndpoints): WfSite {
  const config = readConfig(params.config);
  const api = createWebflowApi({
    token: tokenOf(params.credentials),
    baseUrl: endpoints.baseUrl,
    rateWindowMs: endpoints.rateWindowMs,
    timeoutMs: params.timeoutMs,
    onWait: params.onWait,
  });
  let checked: Promise<{ collection: WebflowCollection; map: FieldMap }> | undefined;
  const load = async () => {
    const collection = (await api
      .call((c) => c.collections.get(config.collection_id))
      .catch((error: unknown) => {
        if (error instanceof PlatformError && error.code === "not_found")
          throw new PlatformError("not_found", "The Webflow collection of this integration no longer exists.", {
            platformCode: "collection_missing",
            permanent: true,
            fix: FIX.collection,
          });
        throw error;
      })) as WebflowCollection;
    const invalid = mappingInvalid(collection, config.field_map);
    if (invalid) throw invalid;
    return { collection, map: config.field_map };
  };
  return {
    api,
    http: params.http,
    siteUrl: params.siteUrl,
    config,
    collection() {
      checked ??= load().catch((error: unknown) => {
        checked = undefined;
        throw error;
      });
      return checked;
    },
  };
}
