import { PlatformError } from "@/lib/platforms/types";
import { FIX } from "@/lib/platforms/wordpress/errors";

/** A failure of one item (the run goes on), with the code, message and fix its event shows. */
export class ItemError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = "ItemError";
  }
}

/**
 * A failure that stops the whole run: the site refuses us (401/403), a firewall answers instead
 * of the API, the site is no WordPress any more, or its stored Application Password cannot be
 * decrypted. Retrying cannot help until someone acts.
 */
export function isPermanentSiteError(error: unknown): boolean {
  if (error instanceof Error && error.name === "ApiError") return (error as Error & { code: string }).code === "credentials_unreadable";
  if (!(error instanceof PlatformError)) return false;
  if (["auth_failed", "rest_blocked", "blocked_address", "invalid_url", "forbidden"].includes(error.code)) return true;
  return error.platformCode === "not_wordpress" || error.platformCode === "rest_unavailable";
}

/** Code, message and fix of any error, for events and the integration's sync_error. */
export function describeError(error: unknown): { code: string; message: string; fix?: string } {
  if (error instanceof ItemError) return { code: error.code, message: error.message, fix: error.fix };
  if (error instanceof PlatformError) {
    const fix =
      error.fix ??
      (error.code === "forbidden"
        ? FIX.role
        : error.retryable
          ? "WordPress did not answer in time; retry the item, and check the site's health if it keeps failing."
          : undefined);
    return { code: error.code, message: error.message, fix };
  }
  if (error instanceof Error && error.name === "ApiError") {
    const e = error as Error & { code: string; fix?: string };
    return { code: e.code, message: e.message, fix: e.fix };
  }
  return { code: "internal_error", message: "Something went wrong on our side. It has been logged." };
}
