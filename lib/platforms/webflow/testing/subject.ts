import { WebflowClient } from "webflow-api";
import type { PlatformAdapter, PlatformFetch } from "@/lib/platforms/types";
import { createWebflowAdapter } from "../index";
import { BLOG_FIELD_MAP } from "./seed";
import type { WebflowTestServer } from "./server";

/** Plain fetch for tests: the test server and its upload target live on 127.0.0.1. */
export const testFetch: PlatformFetch = (url, init) => fetch(url, init);

/** The integration's settings for the fixture's blog collection. */
export const blogConfig = (server: WebflowTestServer) => ({
  site_id: server.fixture.siteId,
  collection_id: server.fixture.blogId,
  field_map: { ...BLOG_FIELD_MAP },
});

/**
 * The real adapter pointed at the test server, with the integration's settings filled in where a
 * caller (the contract suite) has none, as the engine passes the stored config_json.
 */
export function adapterFor(
  server: WebflowTestServer,
  config: Record<string, unknown> = blogConfig(server),
  rateWindowMs?: number,
) {
  const adapter = createWebflowAdapter({ baseUrl: server.apiBaseUrl, rateWindowMs });
  const withConfig: PlatformAdapter = {
    ...adapter,
    connect: (params) => adapter.connect({ ...params, config: params.config ?? config }),
    doctor: (params) => adapter.doctor({ ...params, config: params.config ?? config }),
  };
  return withConfig;
}

/** A Webflow user's own API access, for edits made "in Webflow" during a test. */
export const userClient = (server: WebflowTestServer) =>
  new WebflowClient({ accessToken: server.fixture.tokens.full, baseUrl: server.apiBaseUrl, maxRetries: 0 });
