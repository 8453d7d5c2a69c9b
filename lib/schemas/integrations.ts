import { z } from "zod";
import { platformIds } from "@/lib/platforms/types";
import { acceptingReadOnly, httpUrlSchema, strictBody, uuidSchema } from "./common";
import { boundedJsonObjectSchema, isReservedKey, ownValue } from "./json-input";

/** Request bodies and response shapes of /api/v1/integration/ (shared by the API and the page). */

const usernameSchema = z
  .string({ message: "is required" })
  .trim()
  .min(1, "is required")
  .max(200, "must be 200 characters or less");
/** WordPress shows Application Passwords in groups of four; spaces are optional and ignored by WordPress. */
const applicationPasswordSchema = z
  .string({ message: "is required" })
  .trim()
  .min(1, "is required")
  .max(200, "must be 200 characters or less");
/** Settings of the integration (post_types, default_status, the structure's content types): small and shallow. */
const CONFIG_JSON_LIMITS = { maxDepth: 8, maxBytes: 64 * 1024 };
const configJsonSchema = boundedJsonObjectSchema(CONFIG_JSON_LIMITS);

export const connectionFieldsSchema = z.object({
  external_site_url: httpUrlSchema,
  username: usernameSchema,
  application_password: applicationPasswordSchema,
});
export type ConnectionFields = z.infer<typeof connectionFieldsSchema>;

/** A platform's credential fields by name (Ghost: admin_api_key; Shopify: access_token; ...). */
const credentialsInputSchema = z.record(
  z.string(),
  z.string({ message: "must be a string" }).max(4096, "must be 4096 characters or less"),
  { message: "must be an object of credential fields" },
);

/**
 * `POST /integration/`: one shape for every platform; `credentials` holds the platform's fields
 * (checked against the platform's own schema by the service). WordPress takes `username` and
 * `application_password` at the top level as well, as it always has.
 */
export const createIntegrationBodySchema = z
  .object({
    site_id: uuidSchema,
    platform: z.enum(platformIds, { message: `must be one of: ${platformIds.join(", ")}` }).default("wordpress"),
    external_site_url: httpUrlSchema,
    username: usernameSchema.optional(),
    application_password: applicationPasswordSchema.optional(),
    credentials: credentialsInputSchema.optional(),
    is_active: z.boolean({ message: "must be true or false" }).optional(),
    sync_enabled: z.boolean({ message: "must be true or false" }).optional(),
    config_json: configJsonSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.platform !== "wordpress") return;
    for (const field of ["username", "application_password"] as const) {
      if (!(v[field] ?? v.credentials?.[field])?.trim())
        ctx.addIssue({ code: "custom", path: [field], message: "is required" });
    }
  })
  .transform((v) => {
    if (v.platform !== "wordpress") return v;
    const username = (v.username ?? v.credentials?.username ?? "").trim();
    const password = (v.application_password ?? v.credentials?.application_password ?? "").trim();
    return { ...v, username, application_password: password, credentials: undefined };
  });
export type CreateIntegrationBody = z.infer<typeof createIntegrationBodySchema>;

export const listIntegrationsQuerySchema = z.object({
  site_id: uuidSchema.optional(),
  page: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  page_size: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1, "must be 1 or more")
    .max(100, "must be 100 or less")
    .default(25),
});

export const testCollectionBodySchema = z.object({
  content_type: z
    .string({ message: "is required" })
    .trim()
    .min(1, "is required")
    .max(100, "must be 100 characters or less")
    .regex(/^[a-z0-9_/-]+$/i, "must be a content type slug or REST base, like post, page or products")
    .refine(
      (v) => !isReservedKey(v),
      "is not a content type name; use a content type slug or REST base, like post, page or products",
    ),
});

export const oneClickStartBodySchema = z.object({
  site_id: uuidSchema,
  external_site_url: httpUrlSchema,
});

/**
 * Facts about the stored credentials, never their values: WordPress's username, whether a password
 * is stored and its last four characters; other platforms' fields as `has_<field>` and `<field>_last4`.
 */
const credentialsSchema = z
  .object({
    username: z.string().nullable(),
    has_password: z.boolean(),
    password_last4: z.string().nullable(),
  })
  .catchall(z.union([z.boolean(), z.string(), z.null()]));

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
  credentials: credentialsSchema,
  created_at: z.string(),
  updated_at: z.string(),
});
export type IntegrationDto = z.infer<typeof integrationSchema>;

/**
 * A GET answer's `credentials` sent back: its username is the integration's username (null, as
 * answered when none is stored, keeps the stored one); has_password and password_last4 are read-only.
 */
const credentialsBodySchema = acceptingReadOnly(
  strictBody({ username: usernameSchema.nullable() }).partial(),
  credentialsSchema,
);

const editableFields = {
  external_site_url: httpUrlSchema,
  username: usernameSchema,
  application_password: applicationPasswordSchema,
  is_active: z.boolean({ message: "must be true or false" }),
  sync_enabled: z.boolean({ message: "must be true or false" }),
  config_json: configJsonSchema,
  credentials: credentialsBodySchema,
};

/** `credentials.username` folded into `username`; the two must agree when both are sent. */
function foldCredentials<T extends { username?: string; credentials?: { username?: string | null } }>(
  schema: z.ZodType<T>,
) {
  return schema
    .superRefine((v, ctx) => {
      const nested = v.credentials?.username;
      if (nested != null && v.username !== undefined && nested !== v.username) {
        ctx.addIssue({
          code: "custom",
          path: ["credentials", "username"],
          message: "differs from username; send one of them",
        });
      }
    })
    .transform(({ credentials, ...rest }): Omit<T, "credentials"> => {
      const username = rest.username ?? credentials?.username ?? undefined;
      return username === undefined ? rest : { ...rest, username };
    });
}

/**
 * PATCH: any subset. Changing the URL, username or password re-tests the connection first. The
 * rest of a GET answer (ids, site name, platform, sync and connection state, dates) is read-only.
 */
export const patchIntegrationBodySchema = acceptingReadOnly(
  foldCredentials(strictBody(editableFields).partial()).refine(
    (v) => Object.values(v).some((value) => value !== undefined),
    {
      message: "send at least one field to change",
    },
  ),
  integrationSchema,
);
export type PatchIntegrationBody = z.infer<typeof patchIntegrationBodySchema>;

/**
 * PUT: the whole editable record; the stored username and Application Password are kept when
 * none is sent (a GET answer carries the username as credentials.username, never the password).
 */
export const putIntegrationBodySchema = acceptingReadOnly(
  foldCredentials(
    strictBody({
      ...editableFields,
      username: usernameSchema.optional(),
      application_password: applicationPasswordSchema.optional(),
      is_active: editableFields.is_active.default(true),
      sync_enabled: editableFields.sync_enabled.default(true),
      config_json: configJsonSchema.default({}),
      credentials: credentialsBodySchema.optional(),
    }),
  ),
  integrationSchema,
);

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
    capabilities: z
      .object({ publish_posts: z.boolean(), upload_files: z.boolean(), manage_categories: z.boolean() })
      .optional(),
  }),
});
export type ConnectionTestDto = z.infer<typeof connectionTestSchema>;

export const contentTypeSchema = z.object({
  slug: z.string(),
  name: z.string(),
  rest_base: z.string(),
  count: z.number(),
});
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

/** `POST /integration/{id}/test_collection_connection/`: a failure is `ok: false` with why, not an error. */
export const collectionTestSchema = z.object({
  ok: z.boolean(),
  content_type: z.string(),
  count: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string(), fix: z.string().optional() }).optional(),
});
export type CollectionTestDto = z.infer<typeof collectionTestSchema>;

/** `POST /integration/authorize/`: where to send the user, and until when the link works. */
export const oneClickStartSchema = z.object({
  authorize_url: z.string(),
  expires_at: z.string(),
  notes: z.array(z.string()),
});
export type OneClickStartDto = z.infer<typeof oneClickStartSchema>;
