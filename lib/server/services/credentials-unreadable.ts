import "server-only";
import type { Db } from "@/db/client";
import type { SiteIntegration } from "@/db/tables";
import { updateIntegration } from "@/db/queries/integrations";
import { ApiError } from "../api/errors";
import { logError } from "../log";
import { SecretBoxError } from "../secret-box";

/** The integration secrets stored encrypted: the site's Application Password and the webhook signing secret. */
export type StoredSecret = "application_password" | "webhook_secret" | "credentials";

const SECRETS: Record<StoredSecret, { what: string; renew: string }> = {
  application_password: {
    what: "The site's stored WordPress Application Password",
    renew: "Re-enter the Application Password (Integrations → Edit)",
  },
  credentials: {
    what: "The integration's stored credentials",
    renew: "Connect the integration again with its credentials (Integrations → Edit)",
  },
  webhook_secret: {
    what: "The integration's stored webhook signing secret",
    renew: "Click Install webhooks on the Sync Dashboard to hand the plugin a fresh signing secret",
  },
};

// Key ids are not secret, but a changed value could name anything: only a well-formed id is quoted.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Whether a decryption failure is about the stored value (not a broken ENCRYPTION_KEYS, which is a configuration error). */
export const isUnreadableValue = (error: unknown): error is SecretBoxError =>
  error instanceof SecretBoxError && !!error.failure;

/**
 * A stored secret that does not decrypt, as every path answers it: which secret, why, and what
 * brings it back. The SecretBoxError itself goes to the log (redacted), never to the caller.
 */
export function credentialsUnreadable(secret: StoredSecret, error: SecretBoxError, owner: string): ApiError {
  logError(`stored ${secret.replace("_", " ")} of ${owner} cannot be decrypted`, error);
  const keyId = error.keyId && KEY_ID.test(error.keyId) ? error.keyId : undefined;
  const { what, renew } = SECRETS[secret];
  if (error.failure === "missing_key" && keyId) {
    return new ApiError(
      "credentials_unreadable",
      `${what} cannot be decrypted: it was encrypted with key "${keyId}", which is not in ENCRYPTION_KEYS.`,
      {
        fix: `${renew}, or put key "${keyId}" back in ENCRYPTION_KEYS.`,
      },
    );
  }
  if (error.failure === "failed_authentication" && keyId) {
    return new ApiError(
      "credentials_unreadable",
      `${what} cannot be decrypted: it was changed outside IGNY8, or key "${keyId}" in ENCRYPTION_KEYS is not the key it was encrypted with.`,
      { fix: `${renew}, or put the original key "${keyId}" back in ENCRYPTION_KEYS.` },
    );
  }
  return new ApiError("credentials_unreadable", `${what} cannot be decrypted: it was changed outside IGNY8.`, {
    fix: `${renew}.`,
  });
}

export const isCredentialsUnreadable = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === "credentials_unreadable";

type Marked = Pick<SiteIntegration, "id" | "accountId" | "connectionStatus" | "connectionErrorCode">;

/**
 * Marks the integration in error with credentials_unreadable, which the Sync Dashboard and the
 * Integrations page show with the fix. An integration already marked is not written again (the
 * webhook receiver may meet it on every delivery).
 */
export async function markCredentialsUnreadable(db: Db, integration: Marked): Promise<void> {
  if (integration.connectionStatus === "error" && integration.connectionErrorCode === "credentials_unreadable") return;
  await updateIntegration(
    db,
    { accountId: integration.accountId, id: integration.id },
    {
      connectionStatus: "error",
      connectionErrorCode: "credentials_unreadable",
      connectionCheckedAt: new Date(),
    },
  );
}

/** Runs `open`, which opens a stored secret; an unreadable one marks the integration before the error goes on. */
export async function markingUnreadable<T>(db: Db, integration: Marked, open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (isCredentialsUnreadable(error)) await markCredentialsUnreadable(db, integration);
    throw error;
  }
}
