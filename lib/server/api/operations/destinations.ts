import "server-only";
import { z } from "zod";
import { idParamsSchema } from "@/lib/schemas/common";
import { createDestinationBodySchema, remoteDestinationSchema } from "@/lib/schemas/integration-setup";
import { defineOperation } from "../operation";
import { credentialErrors, managers, platformErrors } from "./shared";

/** Where an integration's content goes, for platforms where the user picks or creates it (a Shopify blog). */
const tag = "Integrations";

const blog = { id: "84213456", title: "Garden notes", handle: "garden-notes", item_count: 12, is_current: true };

export const listDestinations = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/destinations/",
  operationId: "listDestinations",
  tag,
  summary: "List the places the integration can publish to (a Shopify store's blogs)",
  description:
    "Every blog of the Shopify store, oldest first. `is_current` marks where new articles go: " +
    "`config_json.blog_id` when set, else the store's first blog. Choose one with a PATCH of the integration's " +
    '`config_json` (`{"blog_id": "<id>", "categories_as": "tags" | "blog"}`). Platforms without destinations ' +
    "answer `422 unsupported`.",
  params: idParamsSchema,
  errors: ["unsupported", ...credentialErrors, ...platformErrors],
  responses: {
    200: { description: "The destinations.", schema: z.array(remoteDestinationSchema), example: [blog] },
  },
});

export const createDestination = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/destinations/",
  operationId: "createDestination",
  tag,
  summary: "Create a place to publish to (a blog in the Shopify store)",
  description:
    "Creates the blog in the store; its handle comes from the title unless `handle` is given. A handle " +
    "another blog has is `409 conflict` with the fix. Creating does not choose it: PATCH `config_json.blog_id`.",
  roles: managers,
  params: idParamsSchema,
  body: createDestinationBodySchema,
  bodyExample: { title: "Garden notes" },
  errors: ["unsupported", ...credentialErrors, ...platformErrors],
  responses: {
    201: {
      description: "The new blog.",
      schema: remoteDestinationSchema,
      example: { ...blog, item_count: 0, is_current: false },
    },
  },
});
