import { isSiteWideFailure, PlatformError } from "@/lib/platforms/types";

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
 * of the API, the site is no such platform any more (isSiteWideFailure), or its stored
 * credentials cannot be decrypted. Retrying cannot help until someone acts.
 */
export function isPermanentSiteError(error: unknown): boolean {
  if (error instanceof Error && error.name === "ApiError")
    return (error as Error & { code: string }).code === "credentials_unreadable";
  return isSiteWideFailure(error);
}

/** Code, message and fix of any error, for events and the integration's sync_error. */
export function describeError(error: unknown): { code: string; message: string; fix?: string } {
  if (error instanceof ItemError) return { code: error.code, message: error.message, fix: error.fix };
  if (error instanceof PlatformError) {
    // Forbidden answers carry the platform's own fix (which role to use).
    const fix =
      error.fix ??
      (error.retryable
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
