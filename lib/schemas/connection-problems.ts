import { ownValue } from "./json-input";

/**
 * The troubleshooting table (the spec's Common Issues, extended): one entry per connection
 * problem code. The settings page renders it with an anchor per code, and each error links there.
 */
export const connectionProblems: Record<string, { issue: string; cause: string; fix: string }> = {
  auth_failed: {
    issue: "Connection failed / 401 Unauthorized",
    cause:
      "Wrong username or Application Password, a revoked or expired password, or a server that strips the Authorization header.",
    fix: "Regenerate the Application Password in WordPress (Users → Profile → Application Passwords) and update it here. If it is right, ask the host to pass the Authorization header to PHP.",
  },
  insufficient_role: {
    issue: "User cannot publish",
    cause:
      "The WordPress user is a Subscriber, Contributor or another role that cannot publish posts or upload images.",
    fix: "Use a WordPress user with the Editor or Administrator role.",
  },
  rest_blocked: {
    issue: "403 Forbidden",
    cause: "The REST API is blocked by a security plugin or a firewall (Wordfence, Cloudflare, ModSecurity).",
    fix: "Check security plugins and the host's firewall, and allow /wp-json/ (or ?rest_route=).",
  },
  app_passwords_unavailable: {
    issue: "Application Passwords unavailable",
    cause: "The site is not served over HTTPS, or a plugin or filter turned Application Passwords off.",
    fix: "Serve the site over HTTPS and connect with its https:// address, or re-enable Application Passwords.",
  },
  not_wordpress: {
    issue: "Not a WordPress site",
    cause: "No WordPress REST API answers at that address.",
    fix: "Use the address from WordPress's Settings → General → Site Address (WordPress 5.6 or newer).",
  },
  unreachable: {
    issue: "Site unreachable",
    cause: "The address does not resolve, refuses connections, times out, or has a TLS problem.",
    fix: "Check the address and that the site is online and reachable from the internet.",
  },
  blocked_address: {
    issue: "Address not allowed",
    cause: "The address points to a private, local or reserved network address.",
    fix: "Use the site's public address.",
  },
  invalid_url: {
    issue: "Not a web address",
    cause: "The site address is not a full http:// or https:// address.",
    fix: "Enter the site's address, e.g. https://example.com.",
  },
  credentials_unreadable: {
    issue: "Stored credentials cannot be decrypted",
    cause:
      "IGNY8 cannot decrypt the Application Password (or the webhook signing secret) it stored for the site: the stored value was changed outside IGNY8, or the encryption key it was sealed with is no longer in ENCRYPTION_KEYS.",
    fix: "Re-enter the Application Password (Edit on the integration), or put the missing key back in ENCRYPTION_KEYS and test the connection again. For the webhook signing secret, click Install webhooks on the Sync Dashboard.",
  },
  invalid_response: {
    issue: "Unexpected answer",
    cause: "The site answered, but not the way WordPress's REST API does.",
    fix: "Check that the address is the WordPress site's and that no plugin rewrites REST responses.",
  },
  plain_permalinks: {
    issue: "Plain permalinks (note, not an error)",
    cause: "The site uses plain permalinks, so /wp-json/ is not available.",
    fix: "Nothing to do: IGNY8 uses ?rest_route= automatically. Pretty permalinks (Settings → Permalinks → Post name) are recommended.",
  },
  images_not_syncing: {
    issue: "Images not syncing",
    cause: "The image URLs are not reachable from the internet (CORS or URL issues).",
    fix: "Verify the image URLs are publicly accessible.",
  },
  categories_missing: {
    issue: "Categories missing",
    cause: "The site structure has not been synced.",
    fix: "Run “Update structure” on the integration first.",
  },
};

/** Anchor of a troubleshooting row, e.g. #troubleshooting-auth_failed. */
export const troubleshootingAnchor = (code: string) =>
  `troubleshooting-${ownValue(connectionProblems, code) ? code : "auth_failed"}`;
