import "server-only";
import { z } from "zod";
import { idParamsSchema } from "@/lib/schemas/common";
import { testCollectionBodySchema } from "@/lib/schemas/integrations";
import { collectionTestSchema, contentTypeSchema, structureResultSchema } from "@/lib/schemas/integration-checks";
import { defineOperation } from "../operation";
import { credentialErrors, managers, platformErrors } from "./shared";

/** What an integration's WordPress holds: content types, categories and tags. */
const tag = "Integrations";

const contentTypesExample = [
  { slug: "post", name: "Posts", rest_base: "posts", count: 1204 },
  { slug: "page", name: "Pages", rest_base: "pages", count: 12 },
];

export const listContentTypes = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/content_types/",
  operationId: "listContentTypes",
  tag,
  summary: "List the site's content types with WordPress's counts",
  description: "Every REST-visible content type, read from WordPress now.",
  params: idParamsSchema,
  errors: [...credentialErrors, ...platformErrors],
  responses: {
    200: { description: "The content types.", schema: z.array(contentTypeSchema), example: contentTypesExample },
  },
});

export const testCollection = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/test_collection_connection/",
  operationId: "testCollection",
  tag,
  summary: "Check that one content type can be read",
  description: "A failure is `200` with `ok: false` and the error WordPress caused.",
  params: idParamsSchema,
  body: testCollectionBodySchema,
  bodyExample: { content_type: "post" },
  errors: credentialErrors,
  responses: {
    200: {
      description: "Whether it answered, and how many items it has.",
      schema: collectionTestSchema,
      example: { ok: true, content_type: "post", count: 1204 },
    },
  },
});

export const updateStructure = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/update_structure/",
  operationId: "updateStructure",
  tag,
  summary: "Pull categories, tags and content types",
  description: "Idempotent: a second run creates nothing.",
  roles: managers,
  params: idParamsSchema,
  errors: [...credentialErrors, ...platformErrors],
  responses: {
    200: {
      description: "What changed.",
      schema: structureResultSchema,
      example: {
        categories: { total: 14, created: 2, updated: 1, removed: 0 },
        tags: { total: 52, created: 5, updated: 0, removed: 1 },
        content_types: contentTypesExample,
      },
    },
  },
});
