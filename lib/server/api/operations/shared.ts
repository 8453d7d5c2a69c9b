import "server-only";
import type { MemberRole } from "@/db/schema/accounts";
import { SITE_REFUSAL_STATUS } from "../errors";
import type { ErrorSpec } from "../operation";

/**
 * Error codes that several operations answer, grouped by where they come from, so each
 * declaration lists the sources it calls rather than repeating codes.
 */

/** A WordPress call failed (integrations-structure `toApiError`): status from the error table. */
export const platformErrors = [
  "auth_failed",
  "insufficient_role",
  "rest_blocked",
  "remote_not_found",
  "rate_limited",
  "unreachable",
  "invalid_response",
  "conflict",
  "blocked_address",
  "bad_request",
  "unsupported",
  "server_error",
  "invalid_url",
] as const satisfies readonly ErrorSpec[];

/** The connection doctor refused the site (integrations `doctorError`): always 422, the user's site said no. */
export const doctorErrors = (
  [
    "invalid_url",
    "unreachable",
    "not_wordpress",
    "rest_blocked",
    "app_passwords_unavailable",
    "auth_failed",
    "insufficient_role",
    "blocked_address",
    "invalid_response",
    "not_ghost",
    "invalid_key_format",
    "ghost_too_old",
    "not_shopify",
    "missing_scopes",
    "plan_required",
    "collection_missing",
    "mapping_invalid",
  ] as const
).map((code) => [code, SITE_REFUSAL_STATUS] as const);

/**
 * A push stopped by the whole site (sync `isPermanentSiteError`, answered as 422 with the
 * platform's code): the credentials, a firewall, an address, or a site that is no WordPress.
 */
export const pushSiteErrors = (
  ["auth_failed", "rest_blocked", "blocked_address", "invalid_url", "forbidden", "invalid_response"] as const
).map((code) => [code, SITE_REFUSAL_STATUS] as const);

/**
 * The stored WordPress credentials cannot be used (wordpress-credentials, integrations
 * `connectionOf`): missing, or no longer decrypting (credentials-unreadable).
 */
export const credentialErrors = ["auth_failed", "credentials_unreadable"] as const satisfies readonly ErrorSpec[];

/** An AI provider call failed (ai-errors `toApiError`), or no usable key or model was found. */
export const aiErrors = [
  "auth_failed",
  "quota_exceeded",
  "rate_limited",
  "model_not_found",
  "unreachable",
  "invalid_response",
  "unknown_model",
  "no_api_key",
  "key_unreadable",
] as const satisfies readonly ErrorSpec[];

/** Who may change things that belong to the account. */
export const managers: MemberRole[] = ["owner", "admin"];

/** Ids used across the examples, so one example's answer matches the next one's request. */
export const ex = {
  siteId: "5f0c6f7e-2b1a-4c1d-9a57-0f3e1c2d4b6a",
  integrationId: "0b8f2c8e-6d0e-4a5b-8f0c-9d1e2f3a4b5c",
  contentId: "a3c1e5f7-9b2d-4e6f-8a0c-1b3d5f7a9c2e",
  runId: "d2e4f6a8-1c3e-4a5b-9d7f-2e4c6a8b0d1f",
  eventId: "e1f3a5c7-2d4b-4f6e-8c0a-3b5d7f9a1c2e",
  conflictId: "c4d6e8f0-3a5c-4e7a-9b1d-4c6e8a0b2d3f",
  keyId: "9a7b5c3d-1e2f-4a6b-8c0d-5e7f9a1b3c4d",
  imageId: "b5c7d9e1-4f6a-4b8c-a0d2-6f8a0c2e4b5d",
  at: "2026-01-15T09:30:00.000Z",
} as const;
