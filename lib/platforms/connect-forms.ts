/**
 * What the "Add integration" form asks for on each platform: the address, the credential fields
 * (with labels, placeholders and where to find them) and the doctor's platform-specific problems.
 * Client-safe: no server imports. Field names are the keys of the connect API's `credentials`.
 */
import type { PlatformId } from "./types";

export type ConnectField = {
  /** Key in the API's `credentials` object (errors name it `credentials.<name>`). */
  name: string;
  label: string;
  isSecret?: boolean;
  placeholder?: string;
  hint?: string;
};

/** One way to connect (Shopify has two: a pasted token, or its own app's client id and secret). */
export type ConnectMethod = { id: string; label: string; fields: ConnectField[]; steps: string[] };

/** One-click connect by OAuth as IGNY8's app: the button, and what happens when it is pressed. */
export type OneClickMethod = { label: string; text: string };

export type ConnectForm = {
  platform: Exclude<PlatformId, "wordpress">;
  /** Present when the platform can approve IGNY8 in one click (offered beside the token paths). */
  oneClick?: OneClickMethod;
  name: string;
  urlLabel: string;
  urlPlaceholder: string;
  urlHint: string;
  methods: ConnectMethod[];
  /** Scopes or permissions the credentials need, shown under the steps. */
  permissions?: string;
  /** What comes after connecting, if anything. */
  next?: string;
  docs: { href: string; text: string };
};

export const connectForms: Record<ConnectForm["platform"], ConnectForm> = {
  ghost: {
    platform: "ghost",
    name: "Ghost",
    urlLabel: "Ghost site address",
    urlPlaceholder: "https://blog.example.com",
    urlHint: "The address readers use (Ghost Admin → Settings → General → Site URL), not the /ghost/ admin address.",
    methods: [
      {
        id: "admin_api_key",
        label: "Admin API key",
        steps: [
          "In Ghost Admin open Settings → Integrations.",
          "Click “Add custom integration” and name it IGNY8.",
          "Copy the Admin API key (not the Content API key) and paste it here.",
        ],
        fields: [
          {
            name: "admin_api_key",
            label: "Admin API key",
            isSecret: true,
            placeholder: "24 characters : 64 characters",
            hint: "Two parts separated by a colon: the key's id, then its secret.",
          },
        ],
      },
    ],
    next: "IGNY8 sets up Ghost's webhooks itself, so edits made in Ghost come back within seconds.",
    docs: { href: "https://ghost.org/integrations/custom-integrations/", text: "Ghost: custom integrations" },
  },
  shopify: {
    platform: "shopify",
    name: "Shopify",
    urlLabel: "Store address",
    urlPlaceholder: "https://your-store.myshopify.com",
    urlHint: "The store's myshopify.com address (Shopify admin → Settings → Domains), even if it has its own domain.",
    oneClick: {
      label: "Connect with Shopify",
      text: "Fastest: approve IGNY8 in your Shopify admin. No token to copy; IGNY8 renews its access itself.",
    },
    methods: [
      {
        id: "access_token",
        label: "Admin API access token",
        steps: [
          "In the Shopify admin open Settings → Apps and sales channels → Develop apps.",
          "Create an app, configure its Admin API scopes (below) and install it.",
          "Reveal the Admin API access token once and paste it here.",
        ],
        fields: [{ name: "access_token", label: "Admin API access token", isSecret: true, placeholder: "shpat_…" }],
      },
      {
        id: "client_credentials",
        label: "Client ID and secret of your app",
        steps: [
          "In your app's settings (Shopify admin or Dev Dashboard) open Client credentials.",
          "Copy the Client ID and the Client secret and paste them here.",
          "IGNY8 fetches and renews the access token itself (about every 24 hours).",
        ],
        fields: [
          { name: "client_id", label: "Client ID" },
          { name: "client_secret", label: "Client secret", isSecret: true },
        ],
      },
    ],
    permissions: "Scopes: read_content, write_content, read_products, write_products, write_files.",
    docs: {
      href: "https://help.shopify.com/en/manual/apps/app-types/custom-apps",
      text: "Shopify Help: custom apps",
    },
  },
  webflow: {
    platform: "webflow",
    name: "Webflow",
    urlLabel: "Webflow site address",
    urlPlaceholder: "https://your-site.webflow.io",
    urlHint: "The published site's address (its webflow.io address or your own domain).",
    oneClick: {
      label: "Connect with Webflow",
      text: "Fastest: approve IGNY8 in Webflow and pick the site it may use. Then choose the collection and confirm the field mapping.",
    },
    methods: [
      {
        id: "api_token",
        label: "Site API token",
        steps: [
          "In Webflow open the site's Site settings → Apps & integrations → API access.",
          "Generate an API token with the scopes below and paste it here.",
        ],
        fields: [{ name: "api_token", label: "Site API token", isSecret: true }],
      },
    ],
    permissions:
      "Scopes: CMS read and write (cms:read, cms:write), Sites read (sites:read), Assets write (assets:write).",
    next: "After connecting, open Field mapping on the integration to choose the collection and confirm which field gets the body, summary, image and SEO.",
    docs: { href: "https://developers.webflow.com/data/reference/site-token", text: "Webflow: site tokens" },
  },
};

/** The platforms the form offers, in order (WordPress keeps its own form with one-click connect). */
export const connectPlatforms: { id: PlatformId; name: string }[] = [
  { id: "wordpress", name: "WordPress" },
  ...Object.values(connectForms).map((f) => ({ id: f.platform, name: f.name })),
];

/** The connection doctor's codes that only other platforms answer, for the troubleshooting table. */
export const platformProblems: Record<string, { issue: string; cause: string; fix: string }> = {
  not_ghost: {
    issue: "Not a Ghost site",
    cause: "No Ghost Admin API answers at that address (/ghost/api/admin/site/).",
    fix: "Use the Ghost site's address, as in Ghost Admin → Settings → General.",
  },
  invalid_key_format: {
    issue: "Not a Ghost Admin API key",
    cause: "The key is not 24 hex characters, a colon and 64 hex characters.",
    fix: "Copy the Admin API key of a custom integration (Settings → Integrations), not the Content API key.",
  },
  ghost_too_old: {
    issue: "Ghost older than 5.0",
    cause: "IGNY8 needs the Admin API of Ghost 5.",
    fix: "Update Ghost to 5.0 or newer.",
  },
  not_shopify: {
    issue: "Not a Shopify store",
    cause: "The address is not a store's https://<shop>.myshopify.com address.",
    fix: "Use the store's myshopify.com address from Settings → Domains.",
  },
  missing_scopes: {
    issue: "Missing scopes",
    cause: "The token or app was not granted every scope IGNY8 needs.",
    fix: "Add the scopes named in the message to the app or token, then connect again.",
  },
  plan_required: {
    issue: "Plan does not allow CMS writes",
    cause: "Webflow refuses CMS writes on this site's plan.",
    fix: "Upgrade the site to a plan with the CMS (or choose another site).",
  },
  collection_missing: {
    issue: "Collection not found",
    cause: "The chosen Webflow site or collection no longer exists, or the token cannot see it.",
    fix: "Open Field mapping on the integration and choose the collection again.",
  },
  mapping_invalid: {
    issue: "Field mapping no longer fits",
    cause: "A mapped field was deleted or changed type in Webflow, or no field gets the body.",
    fix: "Open Field mapping on the integration, check each field and save.",
  },
};
