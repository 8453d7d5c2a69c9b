import "server-only";
import { idParamsSchema } from "@/lib/schemas/common";
import {
  contentSchema,
  createContentBodySchema,
  listContentQuerySchema,
  updateContentBodySchema,
} from "@/lib/schemas/content";
import {
  bulkContentBodySchema,
  bulkContentResultSchema,
  featuredImageResultSchema,
  generateFeaturedImageBodySchema,
} from "@/lib/schemas/content-actions";
import { publishBodySchema, publishResultSchema } from "@/lib/schemas/sync";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { aiErrors, ex, managers, pushSiteErrors } from "./shared";

const tag = "Content";

const contentExample = {
  id: ex.contentId,
  site_id: ex.siteId,
  title: "Planting tulips in autumn",
  content: "<p>Plant the bulbs before the first frost.</p>",
  excerpt: "When and how deep to plant tulip bulbs.",
  slug: "planting-tulips-in-autumn",
  content_type: "post",
  status: "approved",
  categories: ["Bulbs"],
  tags: ["tulips", "autumn"],
  featured_image_url: null,
  scheduled_at: null,
  seo_title: "Planting tulips in autumn: when and how deep",
  seo_description: "Plant tulip bulbs six weeks before the ground freezes, three times as deep as they are tall.",
  focus_keyword: "planting tulips",
  canonical_url: null,
  approved_at: ex.at,
  is_auto_approved: false,
  published_at: null,
  wordpress_id: null,
  wordpress_url: null,
  wordpress_status: null,
  sync_state: "local",
  last_synced_at: null,
  references: [],
  created_at: ex.at,
  updated_at: ex.at,
  last_sync_event: null,
};

export const listSiteContent = defineOperation({
  method: "GET",
  path: "/api/v1/sites/{id}/content/",
  operationId: "listSiteContent",
  tag,
  summary: "List a site's content",
  description: "Most recently edited first; filter by `status`, `content_type`, or `search` (in the title and slug).",
  params: idParamsSchema,
  query: listContentQuerySchema,
  responses: { 200: { description: "A page of items.", schema: pageOf(contentSchema) } },
});

export const createContent = defineOperation({
  method: "POST",
  path: "/api/v1/sites/{id}/content/",
  operationId: "createContent",
  tag,
  summary: "Write a new item",
  description:
    'A draft unless a `status` is given; `"scheduled"` needs `scheduled_at`. Categories and tags are names. ' +
    "SEO fields (`seo_title`, `seo_description`, `focus_keyword`, `canonical_url`) go to WordPress as Yoast SEO or " +
    "Rank Math fields through the IGNY8 plugin; without it they are kept here.",
  params: idParamsSchema,
  body: createContentBodySchema,
  bodyExample: {
    title: "Planting tulips in autumn",
    content: "<p>Plant the bulbs before the first frost.</p>",
    categories: ["Bulbs"],
    tags: ["tulips", "autumn"],
  },
  responses: {
    201: {
      description: "The new item.",
      schema: contentSchema,
      example: { ...contentExample, status: "draft", approved_at: null },
    },
  },
});

export const getContent = defineOperation({
  method: "GET",
  path: "/api/v1/content/{id}/",
  operationId: "getContent",
  tag,
  summary: "Get one item with its terms and latest sync event",
  params: idParamsSchema,
  responses: { 200: { description: "The item.", schema: contentSchema, example: contentExample } },
});

export const updateContent = defineOperation({
  method: "PATCH",
  path: "/api/v1/content/{id}/",
  operationId: "updateContent",
  takesGetAnswer: true,
  tag,
  summary: "Edit an item",
  description:
    'Local only: a synced item becomes `"pending"` until it is pushed again (SEO fields included). ' +
    'An SEO field sent as `""` or `null` is cleared.',
  params: idParamsSchema,
  body: updateContentBodySchema,
  bodyExample: { title: "Planting tulips in October" },
  responses: { 200: { description: "The item as saved.", schema: contentSchema } },
});

export const deleteContent = defineOperation({
  method: "DELETE",
  path: "/api/v1/content/{id}/",
  operationId: "deleteContent",
  tag,
  summary: "Delete an item here",
  description: "The WordPress copy stays.",
  params: idParamsSchema,
  responses: { 204: { description: "Deleted." } },
});

export const approveContent = defineOperation({
  method: "POST",
  path: "/api/v1/content/{id}/approve/",
  operationId: "approveContent",
  tag,
  summary: "Mark an item ready to publish",
  params: idParamsSchema,
  errors: ["conflict"],
  responses: { 200: { description: "The approved item.", schema: contentSchema, example: contentExample } },
});

export const publishContent = defineOperation({
  method: "POST",
  path: "/api/v1/content/{id}/publish/",
  operationId: "publishContent",
  tag,
  summary: "Push an item to its site's integrations now",
  description:
    "Publishes to `integration_ids`, or to every active integration of the site with sync on when the body is " +
    "empty or leaves them out. Answers the first destination's sync state and push event, and every destination " +
    "in `destinations`; a failed push of this item is `200` with a failed event. A second publish of the same item " +
    "waits for the first and answers its result, or `409 publish_in_progress`.",
  params: idParamsSchema,
  body: publishBodySchema,
  isBodyOptional: true,
  bodyExample: {},
  errors: ["conflict", "publish_in_progress", "publish_limit_reached", "credentials_unreadable", ...pushSiteErrors],
  responses: {
    200: {
      description: "The push's outcome.",
      schema: publishResultSchema,
      example: {
        content_id: ex.contentId,
        integration_id: ex.integrationId,
        platform: "wordpress",
        sync_state: "synced",
        status: "published",
        external_id: "1423",
        url: "https://garden.example.com/planting-tulips-in-autumn/",
        wordpress_id: 1423,
        wordpress_url: "https://garden.example.com/planting-tulips-in-autumn/",
        event: {
          id: ex.eventId,
          run_id: null,
          event_type: "content_push",
          direction: "igny8_to_wp",
          status: "success",
          content_type: "post",
          content_id: ex.contentId,
          external_id: 1423,
          error_code: null,
          error_message: null,
          fix: null,
          metadata: {},
          created_at: ex.at,
        },
      },
    },
  },
});

export const generateFeaturedImage = defineOperation({
  method: "POST",
  path: "/api/v1/content/{id}/generate_featured_image/",
  operationId: "generateFeaturedImage",
  tag,
  summary: "Generate, store and set an item's featured image",
  description: "Without a prompt the item's title and excerpt describe the image.",
  roles: managers,
  params: idParamsSchema,
  body: generateFeaturedImageBodySchema,
  bodyExample: { prompt: "Red tulips in a garden bed, morning light", provider: "openai" },
  errors: aiErrors,
  responses: { 201: { description: "The stored image and the item showing it.", schema: featuredImageResultSchema } },
});

export const bulkContent = defineOperation({
  method: "POST",
  path: "/api/v1/content/bulk/",
  operationId: "bulkContent",
  tag,
  summary: "Approve or delete many items",
  body: bulkContentBodySchema,
  bodyExample: { action: "approve", ids: [ex.contentId] },
  responses: {
    200: {
      description:
        "What was done; ids not in the account are under `not_found`, items that could not be approved under `skipped`.",
      schema: bulkContentResultSchema,
      example: { action: "approve", done: [ex.contentId], not_found: [], skipped: [] },
    },
  },
});
