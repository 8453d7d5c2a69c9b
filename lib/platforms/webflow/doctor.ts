import "server-only";
import {
  PlatformError,
  type ConnectionProblemCode,
  type ConnectionReport,
  type Credentials,
  type PlatformFetch,
} from "@/lib/platforms/types";
import { createWebflowApi, type WebflowApi } from "./client";
import { FIX, isPlanRefusal, missingScopesOf } from "./errors";
import { mappingInvalid, readConfig, tokenOf, type WebflowEndpoints } from "./site";
import type { WebflowCollection } from "./schemas";

/**
 * Codes beyond the contract's list (see the report: ConnectionProblemCode needs them):
 * missing_scopes, plan_required, collection_missing, mapping_invalid.
 */
export type WebflowProblemCode =
  ConnectionProblemCode | "missing_scopes" | "plan_required" | "collection_missing" | "mapping_invalid";

type Params = { siteUrl: string; credentials: Credentials; config?: Record<string, unknown>; http: PlatformFetch };

/** The site's public address, as stored; throws `invalid_url`. */
export function normaliseSiteUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch {
    throw new PlatformError("invalid_url", `Not a web address: ${input}`, {
      fix: "Enter the site's address, e.g. https://example.webflow.io.",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new PlatformError("invalid_url", `Only http and https addresses are allowed, not ${url.protocol}`, {
      fix: "Enter the site's address, e.g. https://example.webflow.io.",
    });
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

class Problem extends Error {
  constructor(
    readonly code: WebflowProblemCode,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/** A failed probe as a doctor code; `scope` is what the probe needed. */
function diagnose(error: unknown, scope: string): Problem {
  const e = error instanceof PlatformError ? error : new PlatformError("unreachable", String(error));
  if (e.code === "auth_failed") return new Problem("auth_failed", "Webflow did not accept the token.", FIX.token);
  if (e.platformCode === "missing_scopes" || (e.code === "forbidden" && !isPlanRefusal(e))) {
    const scopes = missingScopesOf(e).length ? missingScopesOf(e) : [scope];
    return new Problem("missing_scopes", `The token lacks the ${scopes.join(", ")} scope.`, FIX.scopes(scopes));
  }
  if (isPlanRefusal(e))
    return new Problem("plan_required", "Webflow refuses CMS writes on this site's plan.", FIX.plan);
  if (e.code === "not_found")
    return new Problem("collection_missing", "The chosen Webflow site or collection no longer exists.", FIX.collection);
  if (e.code === "blocked_address") return new Problem("blocked_address", e.message, e.fix);
  return new Problem("unreachable", `Webflow could not be reached: ${e.message}`, FIX.unreachable);
}

async function probe<T>(scope: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw diagnose(error, scope);
  }
}

async function checkSiteAddress(siteUrl: string, http: PlatformFetch, notes: string[]) {
  try {
    await http(siteUrl, { method: "GET", timeoutMs: 10_000, maxBytes: 1, maxRedirects: 5 });
  } catch (error) {
    if ((error as { code?: string })?.code === "blocked_address")
      throw new Problem(
        "blocked_address",
        "The site's address points at a private network.",
        "Use the site's public address.",
      );
    notes.push("The site's public address did not answer; items' links may not work until it is published.");
  }
}

async function checkCollection(api: WebflowApi, config: ReturnType<typeof readConfig>, notes: string[]) {
  const { sites = [] } = await probe("sites:read", () => api.call((c) => c.sites.list()));
  if (!sites.some((s) => s.id === config.site_id))
    throw new Problem("collection_missing", "The token has no access to the chosen Webflow site.", FIX.collection);
  const collection = (await probe("cms:read", () =>
    api.call((c) => c.collections.get(config.collection_id)),
  )) as WebflowCollection;
  const invalid = mappingInvalid(collection, config.field_map);
  if (invalid) throw new Problem("mapping_invalid", invalid.message, FIX.mapping);
  await probe("cms:read", () => api.call((c) => c.collections.items.listItems(collection.id, { limit: 1 })));
  // Publishing no item writes nothing, yet Webflow checks cms:write and the plan.
  await probe("cms:write", () => api.call((c) => c.collections.items.publishItem(collection.id, { itemIds: [] })));
  await probe("assets:read", () => api.call((c) => c.assets.list(config.site_id)));
  notes.push(`Collection "${collection.displayName}" with ${collection.fields.length} fields; the field mapping fits.`);
}

/** The Webflow connection doctor: never throws for an expected failure. */
export async function diagnoseWebflow(params: Params, endpoints: WebflowEndpoints): Promise<ConnectionReport> {
  const notes: string[] = [];
  const site = { restUrl: endpoints.baseUrl ?? "https://api.webflow.com/v2" };
  try {
    let siteUrl: string;
    try {
      siteUrl = normaliseSiteUrl(params.siteUrl);
    } catch (error) {
      throw new Problem("invalid_url", (error as Error).message, (error as PlatformError).fix);
    }
    let token: string;
    try {
      token = tokenOf(params.credentials);
    } catch {
      throw new Problem("auth_failed", "No Webflow token was given.", FIX.token);
    }
    const api = createWebflowApi({ token, baseUrl: endpoints.baseUrl, rateWindowMs: endpoints.rateWindowMs });
    await probe("sites:read", () => api.call((c) => c.sites.list()));
    if (!params.config) {
      notes.push("Choose a site and a collection, then confirm the field mapping.");
      return { connected: true, message: "Webflow accepted the token.", notes, site };
    }
    await checkSiteAddress(siteUrl, params.http, notes);
    let config: ReturnType<typeof readConfig>;
    try {
      config = readConfig(params.config);
    } catch (error) {
      throw new Problem("mapping_invalid", (error as Error).message, (error as PlatformError).fix);
    }
    await checkCollection(api, config, notes);
    return { connected: true, message: "Connected to Webflow: IGNY8 can read and publish items.", notes, site };
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    const code = error.code as ConnectionProblemCode;
    return { connected: false, code, message: error.message, ...(error.fix ? { fix: error.fix } : {}), notes, site };
  }
}
