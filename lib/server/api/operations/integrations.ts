import "server-only";
import { idParamsSchema } from "@/lib/schemas/common";
import {
  connectionFieldsSchema,
  createIntegrationBodySchema,
  integrationSchema,
  listIntegrationsQuerySchema,
  oneClickStartBodySchema,
  oneClickStartSchema,
  patchIntegrationBodySchema,
  putIntegrationBodySchema,
} from "@/lib/schemas/integrations";
import { connectionTestSchema } from "@/lib/schemas/integration-checks";
import { SITE_REFUSAL_STATUS } from "../errors";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { credentialErrors, doctorErrors, ex, managers, platformErrors } from "./shared";

const tag = "Integrations";

const integrationExample = {
  id: ex.integrationId,
  account_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  site_id: ex.siteId,
  site_name: "Garden Blog",
  platform: "wordpress",
  external_site_url: "https://garden.example.com",
  is_active: true,
  sync_enabled: true,
  last_sync_at: ex.at,
  sync_status: "idle",
  sync_error: null,
  connection_status: "connected",
  connection_error_code: null,
  connection_checked_at: ex.at,
  config_json: {},
  credentials: { username: "editor", has_password: true, password_last4: "x7Qa" },
  created_at: ex.at,
  updated_at: ex.at,
};

const connectionExample = {
  connected: true,
  message: "Connected to WordPress 6.8 as editor (Editor).",
  notes: [],
  wordpress: {
    version: "6.8",
    rest_url: "https://garden.example.com/wp-json/",
    user: { id: 2, name: "editor", roles: ["editor"] },
    capabilities: { publish_posts: true, upload_files: true, manage_categories: true },
  },
};

const connection = {
  external_site_url: "https://garden.example.com",
  username: "editor",
  application_password: "abcd efgh ijkl mnop qrst uvwx",
};

export const listIntegrations = defineOperation({
  method: "GET",
  path: "/api/v1/integration/",
  operationId: "listIntegrations",
  tag,
  summary: "List the account's integrations",
  description: "`site_id` filters by site.",
  query: listIntegrationsQuerySchema,
  responses: { 200: { description: "A page of integrations.", schema: pageOf(integrationSchema) } },
});

export const createIntegration = defineOperation({
  method: "POST",
  path: "/api/v1/integration/",
  operationId: "createIntegration",
  tag,
  summary: "Connect a site",
  description:
    "Runs the connection doctor first and stores nothing when it fails (`422` with the problem's code, `fix` and `details`). " +
    "Then stores the integration and the site's credentials, and configures the site's IGNY8 plugin when it is there.",
  roles: managers,
  body: createIntegrationBodySchema,
  bodyExample: { site_id: ex.siteId, ...connection },
  errors: ["not_found", "already_exists", "unsupported_platform", ...doctorErrors, ...platformErrors],
  responses: { 201: { description: "The new integration.", schema: integrationSchema, example: integrationExample } },
});

export const getIntegration = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/",
  operationId: "getIntegration",
  tag,
  summary: "Get one integration",
  params: idParamsSchema,
  responses: {
    200: {
      description: "The integration; of its credentials only the facts leave the server.",
      schema: integrationSchema,
      example: integrationExample,
    },
  },
});

export const replaceIntegration = defineOperation({
  method: "PUT",
  path: "/api/v1/integration/{id}/",
  operationId: "replaceIntegration",
  takesGetAnswer: true,
  tag,
  summary: "Replace an integration's editable fields",
  description:
    "A changed URL or credentials are tested first; the stored Application Password is kept when none is sent.",
  roles: managers,
  params: idParamsSchema,
  body: putIntegrationBodySchema,
  bodyExample: {
    external_site_url: "https://garden.example.com",
    username: "editor",
    is_active: true,
    sync_enabled: true,
    config_json: {},
  },
  errors: [...credentialErrors, "unsupported_platform", ...doctorErrors, ...platformErrors],
  responses: { 200: { description: "The integration as saved.", schema: integrationSchema } },
});

export const updateIntegration = defineOperation({
  method: "PATCH",
  path: "/api/v1/integration/{id}/",
  operationId: "updateIntegration",
  takesGetAnswer: true,
  tag,
  summary: "Change some of an integration's fields",
  description:
    "Rotate the Application Password, pause syncing, change settings; a changed connection is tested first. " +
    "`config_json` replaces the settings and is checked against the platform (Shopify: `blog_id` must be one of " +
    "the store's blogs, `categories_as` is `tags` or `blog`): a `422` names the field and the fix.",
  roles: managers,
  params: idParamsSchema,
  body: patchIntegrationBodySchema,
  bodyExample: { application_password: "qrst uvwx abcd efgh ijkl mnop" },
  errors: [...credentialErrors, "unsupported_platform", ...doctorErrors, ...platformErrors],
  responses: { 200: { description: "The integration as saved.", schema: integrationSchema } },
});

export const deleteIntegration = defineOperation({
  method: "DELETE",
  path: "/api/v1/integration/{id}/",
  operationId: "deleteIntegration",
  tag,
  summary: "Remove an integration",
  description: "The site's stored WordPress credentials go with it.",
  roles: managers,
  params: idParamsSchema,
  responses: { 204: { description: "Removed." } },
});

export const testDraftConnection = defineOperation({
  method: "POST",
  path: "/api/v1/integration/test_connection/",
  operationId: "testDraftConnection",
  tag,
  summary: "Test a URL and credentials without saving anything",
  description: "A failed test is `200` with `connected: false`, the problem's `code`, `message` and `fix`.",
  roles: managers,
  body: connectionFieldsSchema,
  bodyExample: connection,
  responses: {
    200: { description: "The connection doctor's verdict.", schema: connectionTestSchema, example: connectionExample },
  },
});

export const testIntegrationConnection = defineOperation({
  method: "POST",
  path: "/api/v1/integration/{id}/test_connection/",
  operationId: "testIntegrationConnection",
  tag,
  summary: "Test a stored integration and record its connection status",
  roles: managers,
  params: idParamsSchema,
  errors: [...credentialErrors, "unsupported_platform"],
  responses: {
    200: { description: "The connection doctor's verdict.", schema: connectionTestSchema, example: connectionExample },
  },
});

export const startOneClickConnect = defineOperation({
  method: "POST",
  path: "/api/v1/integration/authorize/",
  operationId: "startOneClickConnect",
  tag,
  summary: "Start one-click connect",
  description:
    "Answers the address to send the user to, with a single-use state that works for 15 minutes (WordPress) or 10 (OAuth). " +
    'WordPress (the default `platform`): its "Authorize Application" screen, which sends the user back to IGNY8 with a new ' +
    "Application Password. `shopify` (`external_site_url` `https://<shop>.myshopify.com`) and `webflow`: the platform's OAuth " +
    "approval as IGNY8's app; on the way back IGNY8 checks the answer (Shopify's HMAC), exchanges the code for tokens and " +
    "connects the site (a Webflow connection then chooses its collection and field map). Without the app's client id and " +
    "secret in the server's environment the answer is 503 `oauth_not_configured`, naming the variables to set.",
  roles: managers,
  body: oneClickStartBodySchema,
  bodyExample: { site_id: ex.siteId, platform: "shopify", external_site_url: "https://garden-shop.myshopify.com" },
  errors: [
    "not_found",
    ...platformErrors,
    "app_passwords_unavailable",
    "unsupported_platform",
    "oauth_not_configured",
    ["invalid_response", SITE_REFUSAL_STATUS],
  ],
  responses: {
    200: {
      description: "Where to send the user, and until when the link works.",
      schema: oneClickStartSchema,
      example: {
        authorize_url:
          "https://garden-shop.myshopify.com/admin/oauth/authorize?client_id=3f1c0b2a&scope=read_content%2Cwrite_content%2Cread_products%2Cwrite_products%2Cwrite_files&redirect_uri=https%3A%2F%2Figny8.example.com%2Fsettings%2Fintegration%2Fconnect%2Fcallback&state=Zq3v",
        expires_at: "2026-01-15T09:40:00.000Z",
        notes: [],
      },
    },
  },
});

export const downloadPlugin = defineOperation({
  method: "GET",
  path: "/api/v1/integration/plugin/",
  operationId: "downloadPlugin",
  tag: "Webhooks",
  summary: "Download the IGNY8 Connector WordPress plugin",
  description: "A zip to upload under Plugins → Add New → Upload Plugin.",
  responses: { 200: { description: "igny8-connector.zip", media: "application/zip" } },
});
