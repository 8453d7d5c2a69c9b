import { z } from "zod";
import { acceptingReadOnly, paginationQuerySchema, strictBody, uuidSchema } from "./common";

export const conflictPolicies = ["manual", "igny8_wins", "wordpress_wins", "newest_wins"] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/** The fields a conflict compares, in the order the view shows them. */
export const conflictFields = [
  "title",
  "excerpt",
  "slug",
  "content",
  "categories",
  "tags",
  "featured_image_url",
] as const;
export type ConflictField = (typeof conflictFields)[number];

/** One side of a conflict (or the base): the synced fields, plus when that side last changed. */
export const conflictVersionSchema = z.object({
  title: z.string(),
  excerpt: z.string(),
  slug: z.string(),
  content: z.string(),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  featured_image_url: z.string().nullable(),
  /** WordPress's modified_gmt (the WordPress side and the base). */
  modified_gmt: z.string().nullable().optional(),
  /** When the item was last edited in IGNY8 (the IGNY8 side). */
  updated_at: z.string().nullable().optional(),
});
export type ConflictVersion = z.infer<typeof conflictVersionSchema>;

export const changedInValues = ["igny8", "wordpress", "both", "none"] as const;
export const conflictFieldDiffSchema = z.object({
  field: z.enum(conflictFields),
  base: z.unknown().nullable(),
  igny8: z.unknown(),
  wordpress: z.unknown(),
  /** Which side moved away from the base; "both" also when no base values were kept and the sides differ. */
  changed_in: z.enum(changedInValues),
});

export const conflictSummarySchema = z.object({
  id: z.string(),
  integration_id: z.string(),
  content_id: z.string(),
  content_title: z.string(),
  content_type: z.string(),
  wordpress_id: z.number().nullable(),
  status: z.enum(["open", "resolved"]),
  detected_by: z.string(),
  resolution: z.string().nullable(),
  resolved_at: z.string().nullable(),
  created_at: z.string(),
});
export type ConflictSummary = z.infer<typeof conflictSummarySchema>;

export const conflictDetailSchema = conflictSummarySchema.extend({
  base: z.object({
    hash: z.string().nullable(),
    modified_gmt: z.string().nullable(),
    fields: conflictVersionSchema.nullable(),
  }),
  igny8: conflictVersionSchema,
  wordpress: conflictVersionSchema,
  fields: z.array(conflictFieldDiffSchema),
  /** Whether WordPress refuses stale updates itself (the IGNY8 plugin); without it detection is check-then-write. */
  exact_detection: z.boolean().nullable(),
});
export type ConflictDetail = z.infer<typeof conflictDetailSchema>;

export const listConflictsQuerySchema = paginationQuerySchema.extend({
  status: z.enum(["open", "resolved"], { message: "must be open or resolved" }).optional(),
});
export type ListConflictsQuery = z.infer<typeof listConflictsQuerySchema>;

export const mergedFieldsSchema = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(500, "is too long"),
    excerpt: z.string().max(5000, "is too long"),
    slug: z.string().trim().max(200, "is too long"),
    content: z.string().max(900_000, "is too long"),
    categories: z.array(z.string().trim().min(1, "must not be empty").max(200)).max(100),
    tags: z.array(z.string().trim().min(1, "must not be empty").max(200)).max(100),
    featured_image_url: z.string().trim().max(2048).nullable(),
  })
  .partial()
  .strict();
export type MergedFields = z.infer<typeof mergedFieldsSchema>;

export const resolveConflictBodySchema = z
  .object({
    choice: z.enum(["igny8", "wordpress", "merged"], { message: "must be igny8, wordpress or merged" }),
    merged: mergedFieldsSchema.optional(),
  })
  .refine((b) => b.choice !== "merged" || b.merged !== undefined, {
    message: "is required when choice is merged",
    path: ["merged"],
  });
export type ResolveConflictBody = z.infer<typeof resolveConflictBodySchema>;

export const conflictPolicyDtoSchema = z.object({
  integration_id: z.string(),
  policy: z.enum(conflictPolicies),
  open_conflicts: z.number(),
});

/** PATCH: the policy; integration_id and open_conflicts of a GET answer are read-only. */
export const conflictPolicyBodySchema = acceptingReadOnly(
  strictBody({ policy: z.enum(conflictPolicies, { message: `must be one of ${conflictPolicies.join(", ")}` }) }),
  conflictPolicyDtoSchema,
);
export type ConflictPolicyBody = z.infer<typeof conflictPolicyBodySchema>;

export const conflictParamsSchema = z.object({ id: uuidSchema });
