import "server-only";
import { z } from "zod";
import { idParamsSchema, uuidSchema } from "@/lib/schemas/common";
import { webhookReceiptSchema, webhooksStatusSchema } from "@/lib/schemas/webhooks";
import { platformAdapters, platformIds } from "@/lib/platforms/registry";
import { defineOperation } from "../operation";
import { credentialErrors, ex, managers, platformErrors } from "./shared";

const tag = "Webhooks";

const statusExample = {
  webhook_url: `https://igny8.example.com/api/v1/integration/webhook/wordpress/?integration=${ex.integrationId}`,
  plugin: {
    installed: true,
    configured: true,
    points_here: true,
    version: "1.2.0",
    queue: { pending: 0, failed: 0 },
    last_deliveries: [],
    message: "The IGNY8 Connector plugin is active and sends changes to IGNY8 as they happen.",
  },
};

export const getWebhooks = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/webhooks/",
  operationId: "getWebhooks",
  tag,
  summary: "Is the IGNY8 plugin installed, active and sending here?",
  params: idParamsSchema,
  errors: [...credentialErrors, ...platformErrors],
  responses: {
    200: {
      description: "This integration's webhook URL and the plugin's state.",
      schema: webhooksStatusSchema,
      example: statusExample,
    },
  },
});

export const installWebhooks = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/webhooks/",
  operationId: "installWebhooks",
  tag,
  summary: "Install webhooks: hand the plugin our URL and a fresh signing secret",
  roles: managers,
  params: idParamsSchema,
  errors: [...credentialErrors, ...platformErrors],
  responses: {
    200: {
      description: "The webhook URL and the plugin's state after configuring it.",
      schema: webhooksStatusSchema,
      example: statusExample,
    },
  },
});

const signatureHeaders = z.object({
  "webhook-id": z.string().max(200).meta({
    description: "The delivery's id; a repeat with the same id is recorded once.",
    example: "msg_2a9f0c4e7b1d",
  }),
  "webhook-timestamp": z.string().meta({
    description: "Unix seconds when it was signed; older or newer than 5 minutes is refused.",
    example: "1768469400",
  }),
  "webhook-signature": z.string().meta({
    description:
      '`v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the integration\'s secret (Standard Webhooks); several are space-separated.',
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  }),
});

/** Platforms whose sites send webhooks (a route each: /api/v1/integration/webhook/{platform}/). */
const webhookPlatforms = platformIds.filter((id) => platformAdapters[id].webhooks) as [string, ...string[]];

export const receiveWordPressWebhook = defineOperation({
  method: "POST",
  path: "/api/v1/integration/webhook/{platform}/",
  operationId: "receiveWordPressWebhook",
  tag,
  summary: "Receive a signed delivery from the IGNY8 WordPress plugin",
  description:
    "Signed per Standard Webhooks with the secret IGNY8 handed the plugin (`POST /integration/{id}/webhooks/`); no session or API key. " +
    "The signature is verified over the raw body before anything is parsed; the payload is a hint (IGNY8 fetches the post itself). " +
    "Answers fast: the change is processed in the background.",
  isPublic: true,
  isUnwrapped: true,
  params: z.object({
    platform: z.enum(webhookPlatforms).meta({
      description: "The platform that sends the delivery (`wordpress`: the IGNY8 plugin).",
      example: "wordpress",
    }),
  }),
  query: z.object({
    integration: uuidSchema.meta({ description: "The integration the delivery is for (part of the webhook URL)." }),
  }),
  headers: signatureHeaders,
  body: platformAdapters.wordpress.webhooks!.payloadSchema,
  bodyExample: {
    action: "post_updated",
    post_id: 1423,
    post_type: "post",
    site_url: "https://garden.example.com",
    status: "publish",
    modified_gmt: "2026-01-15T09:29:58",
  },
  errors: [
    "unauthorized",
    "invalid_json",
    "validation_error",
    "payload_too_large",
    "rate_limited",
    "internal_error",
    ["credentials_unreadable", 503],
  ],
  responses: {
    202: {
      description: "Recorded; it is processed in the background.",
      schema: webhookReceiptSchema,
      example: { received: true, duplicate: false },
    },
    200: {
      description: "This `webhook-id` was recorded before; nothing more happens.",
      schema: webhookReceiptSchema,
      example: { received: true, duplicate: true },
    },
  },
});
