import { z } from "zod";
import { platformIds } from "@/lib/platforms/types";
import { acceptingReadOnly, httpUrlSchema, strictBody, uuidSchema } from "./common";
import { boundedJsonObjectSchema, isReservedKey } from "./json-input";

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

/** `POST /integration/authorize/`: the site, its address on the platform, and the platform (WordPress by default). */
export const oneClickStartBodySchema = z.object({
  site_id: uuidSchema,
  platform: z.enum(platformIds, { message: `must be one of: ${platformIds.join(", ")}` }).default("wordpress"),
  external_site_url: httpUrlSchema,
});
export type OneClickStartBody = z.input<typeof oneClickStartBodySchema>;

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

/** `POST /integration/authorize/`: where to send the user, and until when the link works. */
export const oneClickStartSchema = z.object({
  authorize_url: z.string(),
  expires_at: z.string(),
  notes: z.array(z.string()),
});
export type OneClickStartDto = z.infer<typeof oneClickStartSchema>;
