import "server-only";
import { z } from "zod";

/** A metafield read through an alias (`seoTitle: metafield(…) { value }`). */
const metafieldValue = z.object({ value: z.string() }).nullable().optional();

export const articleNodeSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  body: z.string(),
  summary: z.string().nullable(),
  tags: z.array(z.string()),
  isPublished: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  author: z.object({ name: z.string() }).nullable(),
  blog: z.object({ id: z.string(), handle: z.string() }),
  image: z.object({ url: z.string(), altText: z.string().nullable() }).nullable(),
  seoTitle: metafieldValue,
  seoDescription: metafieldValue,
  igny8Ref: metafieldValue,
});
export type ArticleNode = z.infer<typeof articleNodeSchema>;

export const pageNodeSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  body: z.string(),
  isPublished: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  seoTitle: metafieldValue,
  seoDescription: metafieldValue,
  igny8Ref: metafieldValue,
});
export type PageNode = z.infer<typeof pageNodeSchema>;

export const productNodeSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  descriptionHtml: z.string(),
  status: z.string(),
  tags: z.array(z.string()),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  onlineStoreUrl: z.string().nullable(),
  seo: z.object({ title: z.string().nullable(), description: z.string().nullable() }),
});
export type ProductNode = z.infer<typeof productNodeSchema>;

export const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** `extensions.cost` of every answer. */
export const costSchema = z.object({
  requestedQueryCost: z.number().nullable().optional(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: z.object({
    maximumAvailable: z.number(),
    currentlyAvailable: z.number(),
    restoreRate: z.number(),
  }),
});
export type QueryCost = z.infer<typeof costSchema>;

export const graphQLErrorSchema = z.object({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().optional() }).optional(),
});

export const userErrorSchema = z.object({
  field: z.array(z.string()).nullable().optional(),
  message: z.string(),
  code: z.string().nullable().optional(),
});
export type UserError = z.infer<typeof userErrorSchema>;

/** `/admin/oauth/access_token`'s answer for every grant. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
});
