import "server-only";
import type { PlatformAdapter } from "@/lib/platforms/types";
import { wordpressAuthorize } from "./authorize";
import { normaliseSiteUrl } from "./client";
import { diagnoseConnection } from "./doctor";
import { connectWordPress } from "./session";
import { readCredentials, wordpressCredentialsSchema } from "./site";
import { wordpressWebhooks } from "./webhooks";

/** WordPress through its REST API, with the IGNY8 Connector plugin where it is installed. */
export const wordpressAdapter: PlatformAdapter = {
  id: "wordpress",
  displayName: "WordPress",
  capabilities: {
    contentTypes: ["post", "page", "product"],
    taxonomies: ["category", "tag"],
    scheduling: true,
    batchWrite: { maxItems: 25 },
    changeFeed: "cursor",
    conflictGuard: "plugin",
    webhooks: "signed",
    media: "upload",
    authorize: "app-password",
  },
  credentials: wordpressCredentialsSchema,

  async doctor({ siteUrl, credentials, http }) {
    const { username, application_password: applicationPassword } = readCredentials(credentials);
    const { wordpress, ...rest } = await diagnoseConnection({
      siteUrl,
      username,
      applicationPassword,
      fetchImpl: http,
    });
    return { ...rest, site: wordpress };
  },
  normaliseSiteUrl,
  connect: connectWordPress,
  webhooks: wordpressWebhooks,
  authorize: wordpressAuthorize,
};
