import "server-only";
import type { Site, SiteIntegration } from "@/db/tables";
import type { Credentials } from "@/lib/platforms/types";
import { decryptSecret, encryptSecret, lastFour } from "../secret-box";
import { ApiError } from "../api/errors";
import { credentialsUnreadable, isUnreadableValue } from "./credentials-unreadable";
import { openSiteCredentials } from "./wordpress-credentials";

/** What `site_integrations.credentials_json` holds: every field sealed together, and the last 4 of each. */
type StoredCredentials = { sealed?: string; last4?: Record<string, string>; username?: string };

const context = (row: Pick<SiteIntegration, "id" | "accountId">) => ({
  table: "site_integrations",
  column: "credentials_json",
  rowId: row.id,
  accountId: row.accountId,
});

/** The credentials as stored on an integration row (sealed with the row as associated data). */
export function sealCredentials(row: Pick<SiteIntegration, "id" | "accountId">, credentials: Credentials) {
  const last4 = Object.fromEntries(
    Object.entries(credentials)
      .filter(([k]) => k !== "username")
      .map(([k, v]) => [k, lastFour(v)]),
  );
  const sealed = encryptSecret(JSON.stringify(credentials), context(row));
  // A username is no secret: kept readable for display, as the site's wp_username is.
  const username = credentials.username;
  return { sealed, last4, ...(username ? { username } : {}) } satisfies StoredCredentials;
}

/** Whether the integration keeps credentials of its own (else WordPress's are the site's). */
export const hasOwnCredentials = (integration: SiteIntegration) =>
  typeof (integration.credentialsJson as StoredCredentials).sealed === "string";

/** The last four characters of each stored credential, for display (never the values). */
export const credentialHints = (integration: SiteIntegration): Record<string, string> =>
  (integration.credentialsJson as StoredCredentials).last4 ?? {};

/**
 * The credentials of an integration, decrypted for one session (they never leave the server): its
 * own when it has them, else the site's WordPress Application Password (the module doc's single
 * source of truth for the site's WordPress). One that does not decrypt throws credentials_unreadable.
 */
export function openIntegrationCredentials(integration: SiteIntegration, site: Site): Credentials {
  const stored = integration.credentialsJson as StoredCredentials;
  if (typeof stored.sealed === "string") {
    try {
      return JSON.parse(decryptSecret(stored.sealed, context(integration))) as Credentials;
    } catch (error) {
      if (!isUnreadableValue(error)) throw error;
      throw credentialsUnreadable("credentials", error, `integration ${integration.id}`);
    }
  }
  if (integration.platform === "wordpress") return openSiteCredentials(site);
  throw new ApiError("auth_failed", "This integration has no credentials.", {
    fix: "Connect it again with its credentials.",
  });
}
