import "server-only";
import type { Db } from "@/db/client";
import type { Site } from "@/db/tables";
import { updateSite } from "@/db/queries/sites";
import { decryptSecret, encryptSecret, lastFour } from "../secret-box";
import { ApiError } from "../api/errors";
import { credentialsUnreadable, isUnreadableValue } from "./credentials-unreadable";

/** The site's Application Password is the single source of truth for WordPress auth. */
const context = (site: Pick<Site, "id" | "accountId">) => ({
  table: "sites",
  column: "wp_api_key",
  rowId: site.id,
  accountId: site.accountId,
});

export function sealApplicationPassword(site: Pick<Site, "id" | "accountId">, password: string) {
  return { wpApiKey: encryptSecret(password, context(site)), wpApiKeyLast4: lastFour(password) };
}

/** The stored password, or undefined when none; one that does not decrypt throws credentials_unreadable. */
export function openApplicationPassword(site: Site): string | undefined {
  if (!site.wpApiKey) return undefined;
  try {
    return decryptSecret(site.wpApiKey, context(site));
  } catch (error) {
    if (!isUnreadableValue(error)) throw error;
    throw credentialsUnreadable("application_password", error, `site ${site.id}`);
  }
}

/** Stores (or rotates) the site's WordPress credentials, encrypted. */
export async function saveWordPressCredentials(db: Db, site: Site, username: string, applicationPassword: string) {
  return updateSite(
    db,
    { accountId: site.accountId, id: site.id },
    { wpUsername: username, ...sealApplicationPassword(site, applicationPassword) },
  );
}

/**
 * The credentials of a site's integration, decrypted for one session (they never leave the
 * server). WordPress keeps them on the site (the module doc's single source of truth).
 */
export function openSiteCredentials(site: Site): { username: string; application_password: string } {
  const applicationPassword = openApplicationPassword(site);
  if (!site.wpUsername || !applicationPassword) {
    throw new ApiError("auth_failed", "This site has no WordPress credentials.", {
      fix: "Connect the site again with a WordPress username and Application Password.",
    });
  }
  return { username: site.wpUsername, application_password: applicationPassword };
}
