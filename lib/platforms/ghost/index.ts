import "server-only";
import type { PlatformAdapter } from "@/lib/platforms/types";
import { ghostCredentialsSchema } from "./auth";
import { normaliseSiteUrl } from "./client";
import { diagnoseGhost } from "./doctor";
import { connectGhost } from "./session";
import { ghostWebhooks } from "./webhooks";

/**
 * Ghost 5 through its Admin API with a custom integration's key: posts and pages both ways,
 * Ghost's own `updated_at` collision check, tags (IGNY8's categories and tags both), signed webhooks.
 */
export const ghostAdapter: PlatformAdapter = {
  id: "ghost",
  displayName: "Ghost",
  capabilities: {
    contentTypes: ["post", "page"],
    // One set of tags holds both: IGNY8's categories read as the primary tag, so both kinds list them.
    taxonomies: ["category", "tag"],
    scheduling: true,
    batchWrite: false,
    changeFeed: "cursor",
    conflictGuard: "native",
    webhooks: "signed",
    media: "upload",
    authorize: "none",
    // A newsletter sent by email only: ours to read, not to change (a write would put it on the web).
    readOnlyStatuses: ["sent"],
  },
  credentials: ghostCredentialsSchema,
  doctor: ({ siteUrl, credentials, http }) => diagnoseGhost({ siteUrl, credentials, http }),
  normaliseSiteUrl,
  connect: connectGhost,
  webhooks: ghostWebhooks,
};
