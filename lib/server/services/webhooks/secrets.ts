import "server-only";
import crypto from "node:crypto";
import type { SiteIntegration } from "@/db/tables";
import { decryptSecret, encryptSecret } from "../../secret-box";
import { logError } from "../../log";
import { credentialsUnreadable, isUnreadableValue } from "../credentials-unreadable";

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret() {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

const ctx = (
  integration: Pick<SiteIntegration, "id" | "accountId">,
  column: "webhook_secret" | "webhook_secret_previous",
) => ({
  table: "site_integrations",
  column,
  rowId: integration.id,
  accountId: integration.accountId,
});

export function sealWebhookSecret(
  integration: Pick<SiteIntegration, "id" | "accountId">,
  secret: string,
  column: "webhook_secret" | "webhook_secret_previous" = "webhook_secret",
) {
  return encryptSecret(secret, ctx(integration, column));
}

/**
 * The secrets a delivery may be signed with: the current one and, during rotation, the previous
 * one. A current secret that does not decrypt throws credentials_unreadable. A previous one that
 * does not is left out (and logged): the plugin signs every retry with the secret it holds now,
 * so deliveries signed with it are only late, not lost.
 */
export function openWebhookSecrets(integration: SiteIntegration): string[] {
  const secrets: string[] = [];
  if (integration.webhookSecret) {
    try {
      secrets.push(decryptSecret(integration.webhookSecret, ctx(integration, "webhook_secret")));
    } catch (error) {
      if (!isUnreadableValue(error)) throw error;
      throw credentialsUnreadable("webhook_secret", error, `integration ${integration.id}`);
    }
  }
  if (integration.webhookSecretPrevious) {
    try {
      secrets.push(decryptSecret(integration.webhookSecretPrevious, ctx(integration, "webhook_secret_previous")));
    } catch (error) {
      if (!isUnreadableValue(error)) throw error;
      logError(
        `previous webhook signing secret of integration ${integration.id} cannot be decrypted; verifying with the current one only`,
        error,
      );
    }
  }
  return secrets;
}
