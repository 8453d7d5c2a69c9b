import "server-only";
import { z } from "zod";
import { idParamsSchema } from "@/lib/schemas/common";
import { collectionParamsSchema, remoteCollectionSchema, remoteFieldSchema } from "@/lib/schemas/integration-setup";
import { defineOperation } from "../operation";
import { credentialErrors, platformErrors } from "./shared";

/** Where an integration's content goes, for platforms whose content model is the user's own (Webflow). */
const tag = "Integrations";

export const listCollections = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/collections/",
  operationId: "listCollections",
  tag,
  summary: "List the collections the integration can publish to",
  description:
    "Every CMS collection on every site the credentials reach (Webflow). Platforms without collections " +
    "answer `422 unsupported`. Store the choice as `config_json.site_id` and `config_json.collection_id`.",
  params: idParamsSchema,
  errors: ["unsupported", ...credentialErrors, ...platformErrors],
  responses: {
    200: {
      description: "The collections.",
      schema: z.array(remoteCollectionSchema),
      example: [
        {
          id: "6614b1c0e4d3a2f1b0c9d8e7",
          name: "Blog Posts",
          site_id: "6614b1c0e4d3a2f1b0c9d8e0",
          site_name: "Garden",
        },
      ],
    },
  },
});

export const listCollectionFields = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/collections/{cid}/fields/",
  operationId: "listCollectionFields",
  tag,
  summary: "List a collection's fields with the role IGNY8 suggests for each",
  description:
    "Feeds the field-mapping screen: store the confirmed map as `config_json.field_map` " +
    '(`{"body": "<field slug>", "summary": ..., "image": ..., "seo_title": ..., "seo_description": ..., ' +
    '"categories": ..., "tags": ..., "publish_date": ...}`); every sync checks it again.',
  params: collectionParamsSchema,
  errors: ["unsupported", ...credentialErrors, ...platformErrors],
  responses: {
    200: {
      description: "The fields.",
      schema: z.array(remoteFieldSchema),
      example: [
        { slug: "name", name: "Name", type: "PlainText", is_required: true, suggested_role: null },
        { slug: "post-body", name: "Post Body", type: "RichText", is_required: false, suggested_role: "body" },
      ],
    },
  },
});
