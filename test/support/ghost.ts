import { readFileSync } from "node:fs";
import { allowEgressTo } from "./wordpress";

/** The Ghost the engine's tests talk to: GHOST_TEST_INFO names the fixture's info.json (../shared/ghost/ghost-up). */
export type GhostTestSite = { url: string; adminApiKey: string };

/** The configured Ghost, or undefined (the caller's tests are skipped with one line saying why). */
export function getGhostTestSite(): GhostTestSite | undefined {
  const path = process.env.GHOST_TEST_INFO;
  if (!path) {
    console.log("GHOST_TEST_INFO is not set: the engine's Ghost tests are skipped.");
    return undefined;
  }
  const info = JSON.parse(readFileSync(path, "utf8")) as { url: string; adminApiKey: string };
  allowEgressTo(info.url);
  return { url: info.url.replace(/\/+$/, ""), adminApiKey: info.adminApiKey };
}
