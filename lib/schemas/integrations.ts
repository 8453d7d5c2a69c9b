import { z } from "zod";
import { platformIds } from "@/lib/platforms/types";
import { httpUrlSchema, uuidSchema } from "./common";

/** Request bodies and response shapes of /api/v1/integration/ (shared by the API and the page). */

const usernameSchema = z.string({ message: "is required" }).trim().min(1, "is required").max(200, "must be 200 characters or less");
/** WordPress shows Application Passwords in groups of four; spaces are optional and ignored by WordPress. */
const applicationPasswordSchema = z
  .string({ message: "is required" })
  .trim()
  .min(1, "is required")
  .max(200, "must be 200 characters or less");
const configJsonSchema = z.record(z.string(), z.unknown(), { message: "must be a JSON object" });

export const connectionFieldsSchema = z.object({
  external_site_url: httpUrlSchema,
  username: usernameSchema,
  application_password: applicationPasswordSchema,
});
export type ConnectionFields = z.infer<typeof connectionFieldsSchema>;

export const createIntegrationBodySchema = connectionFieldsSchema.extend({
  site_id: uuidSchema,
  platform: z.enum(platformIds, { message: `must be one of: ${platformIds.join(", ")}` }).default("wordpress"),
  is_active: z.boolean({ message: "must be true or false" }).optional(),
  sync_enabled: z.boolean({ message: "must be true or false" }).optional(),
  config_json: configJsonSchema.optional(),
});
export type CreateIntegrationBody = z.infer<typeof createIntegrationBodySchema>;

/** PATCH: any subset. Changing the URL, username or password re-tests the connection first. */
export const patchIntegrationBodySchema = z
  .object({
    external_site_url: httpUrlSchema.optional(),
    username: usernameSchema.optional(),
    application_password: applicationPasswordSchema.optional(),
    is_active: z.boolean({ message: "must be true or false" }).optional(),
    sync_enabled: z.boolean({ message: "must be true or false" }).optional(),
    config_json: configJsonSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type PatchIntegrationBody = z.infer<typeof patchIntegrationBodySchema>;

/** PUT: the whole editable record; the stored Application Password is kept when none is sent. */
export const putIntegrationBodySchema = z.object({
  external_site_url: httpUrlSchema,
  username: usernameSchema,
  application_password: applicationPasswordSchema.optional(),
  is_active: z.boolean({ message: "must be true or false" }).default(true),
  sync_enabled: z.boolean({ message: "must be true or false" }).default(true),
  config_json: configJsonSchema.default({}),
});

export const listIntegrationsQuerySchema = z.object({
  site_id: uuidSchema.optional(),
  page: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  page_size: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").max(100, "must be 100 or less").default(25),
});

export const testCollectionBodySchema = z.object({
  content_type: z
    .string({ message: "is required" })
    .trim()
    .min(1, "is required")
    .max(100, "must be 100 characters or less")
    .regex(/^[a-z0-9_/-]+$/i, "must be a content type slug or REST base, like post, page or products"),
});

export const oneClickStartBodySchema = z.object({
  site_id: uuidSchema,
  external_site_url: httpUrlSchema,
});

export const integrationSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  site_id: z.string(),
  site_name: z.string(),
  platform: z.string(),
  external_site_url: z.string(),
  is_active: z.boolean(),
  sync_enabled: z.boolean(),
  last_sync_at: z.string().nullable(),
  sync_status: z.string(),
  sync_error: z.string().nullable(),
  connection_status: z.enum(["pending", "connected", "error"]),
  connection_error_code: z.string().nullable(),
  connection_checked_at: z.string().nullable(),
  config_json: z.record(z.string(), z.unknown()),
  /** WordPress credentials live on the site; only these facts about them leave the server. */
  credentials: z.object({ username: z.string().nullable(), has_password: z.boolean(), password_last4: z.string().nullable() }),
  created_at: z.string(),
  updated_at: z.string(),
});
export type IntegrationDto = z.infer<typeof integrationSchema>;

export const connectionTestSchema = z.object({
  connected: z.boolean(),
  code: z.string().optional(),
  reason: z.string().optional(),
  message: z.string(),
  fix: z.string().optional(),
  notes: z.array(z.string()),
  wordpress: z.object({
    version: z.string().optional(),
    rest_url: z.string(),
    user: z.object({ id: z.number(), name: z.string(), roles: z.array(z.string()) }).optional(),
    capabilities: z.object({ publish_posts: z.boolean(), upload_files: z.boolean(), manage_categories: z.boolean() }).optional(),
  }),
});
export type ConnectionTestDto = z.infer<typeof connectionTestSchema>;

export const contentTypeSchema = z.object({ slug: z.string(), name: z.string(), rest_base: z.string(), count: z.number() });
export type ContentTypeDto = z.infer<typeof contentTypeSchema>;

const termCountsSchema = z.object({ total: z.number(), created: z.number(), updated: z.number(), removed: z.number() });
export const structureResultSchema = z.object({
  categories: termCountsSchema,
  tags: termCountsSchema,
  content_types: z.array(contentTypeSchema),
});
export type StructureResultDto = z.infer<typeof structureResultSchema>;

/**
 * The troubleshooting table (the spec's Common Issues, extended): one entry per connection
 * problem code. The settings page renders it with an anchor per code, and each error links there.
 */
export const connectionProblems: Record<string, { issue: string; cause: string; fix: string }> = {
  auth_failed: {
    issue: "Connection failed / 401 Unauthorized",
    cause: "Wrong username or Application Password, a revoked or expired password, or a server that strips the Authorization header.",
    fix: "Regenerate the Application Password in WordPress (Users → Profile → Application Passwords) and update it here. If it is right, ask the host to pass the Authorization header to PHP.",
  },
  insufficient_role: {
    issue: "User cannot publish",
    cause: "The WordPress user is a Subscriber, Contributor or another role that cannot publish posts or upload images.",
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
export const troubleshootingAnchor = (code: string) => `troubleshooting-${connectionProblems[code] ? code : "auth_failed"}`;

/** `POST /integration/{id}/test_collection_connection/`: a failure is `ok: false` with why, not an error. */
export const collectionTestSchema = z.object({
  ok: z.boolean(),
  content_type: z.string(),
  count: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string(), fix: z.string().optional() }).optional(),
});
export type CollectionTestDto = z.infer<typeof collectionTestSchema>;

/** `POST /integration/authorize/`: where to send the user, and until when the link works. */
export const oneClickStartSchema = z.object({ authorize_url: z.string(), expires_at: z.string(), notes: z.array(z.string()) });
export type OneClickStartDto = z.infer<typeof oneClickStartSchema>;
