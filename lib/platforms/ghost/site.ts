import "server-only";
import { PlatformError, type ConnectParams } from "@/lib/platforms/types";
import { readKey } from "./auth";
import { createGhostClient, type GhostClient } from "./client";
import type { PrimaryTag } from "./transform";

/** One connected Ghost, as the session's parts share it. */
export type GhostSite = {
  client: GhostClient;
  /** Requests to run at once (the engine's limiter holds any more). */
  concurrency: number;
  /** Which IGNY8 terms lead the tag list (config `primary_tag`, default "category"). */
  primaryTag: PrimaryTag;
};

/** Ghost's collection for one of our content types. */
export function collectionOf(contentType: string): "posts" | "pages" {
  if (contentType === "post" || contentType === "posts") return "posts";
  if (contentType === "page" || contentType === "pages") return "pages";
  throw new PlatformError("unsupported", `Ghost has no content type "${contentType}" (only posts and pages).`);
}

/** Our content type for a Ghost collection. */
export const typeOf = (collection: "posts" | "pages") => (collection === "posts" ? "post" : "page");

export function openSite(params: ConnectParams): GhostSite {
  const client = createGhostClient({
    siteUrl: params.siteUrl,
    key: readKey(params.credentials),
    http: params.http,
    retry: params.retry,
    timeoutMs: params.timeoutMs,
  });
  return {
    client,
    concurrency: params.concurrency ?? 4,
    primaryTag: params.config?.primary_tag === "tag" ? "tag" : "category",
  };
}
