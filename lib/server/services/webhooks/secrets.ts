import "server-only";
import crypto from "node:crypto";
import type { SiteIntegration } from "@/db/tables";
import { decryptSecret, encryptSecret } from "../../secret-box";

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret() {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

const ctx = (integration: Pick<SiteIntegration, "id" | "accountId">, column: "webhook_secret" | "webhook_secret_previous") => ({
  table: "site_integrations",
  column,
  rowId: integration.id,
  accountId: integration.accountId,
});

export function sealWebhookSecret(integration: Pick<SiteIntegration, "id" | "accountId">, secret: string, column: "webhook_secret" | "webhook_secret_previous" = "webhook_secret") {
  return encryptSecret(secret, ctx(integration, column));
}

/** The secrets a delivery may be signed with: the current one and, during rotation, the previous one. */
export function openWebhookSecrets(integration: SiteIntegration): string[] {
  const secrets: string[] = [];
  if (integration.webhookSecret) secrets.push(decryptSecret(integration.webhookSecret, ctx(integration, "webhook_secret")));
  if (integration.webhookSecretPrevious) secrets.push(decryptSecret(integration.webhookSecretPrevious, ctx(integration, "webhook_secret_previous")));
  return secrets;
}
