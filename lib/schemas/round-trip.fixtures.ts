import { z } from "zod";
import { aiSettingsSchema, updateAiSettingsBodySchema } from "./ai";
import { conflictPolicyBodySchema, conflictPolicyDtoSchema } from "./conflicts";
import { contentSchema, updateContentBodySchema } from "./content";
import { integrationSchema, patchIntegrationBodySchema, putIntegrationBodySchema } from "./integrations";
import {
  patchPublishingSettingsBodySchema,
  publishingSettingsSchema,
  putPublishingSettingsBodySchema,
  syncScheduleBodySchema,
  syncScheduleSchema,
} from "./publishing";
import { siteSchema, updateSiteBodySchema } from "./sites";

/** Sample GET answers of the round-trip tests. */

const seo = { seo_title: "日本の旅", seo_description: null, focus_keyword: "travel japan", canonical_url: null };
const iso = "2026-03-02T09:00:00.000Z";
const id = "6f1c1a4e-2b0a-4c8e-9d1e-1a2b3c4d5e6f";

/**
 * One GET answer per resource with a write (PUT or PATCH), and what its write schema makes of it
 * sent back unchanged: exactly the writable fields, with nothing refused.
 */
export const resources: {
  name: string;
  dto: z.ZodObject;
  body: z.ZodType;
  answer: Record<string, unknown>;
  writes: Record<string, unknown>;
}[] = [
  {
    name: "site (PATCH)",
    dto: siteSchema,
    body: updateSiteBodySchema,
    answer: {
      id,
      name: "Blog",
      url: "https://blog.example.com",
      wp_username: "admin",
      has_wp_api_key: true,
      wp_api_key_last4: "abcd",
      created_at: iso,
      updated_at: iso,
    },
    writes: { name: "Blog", url: "https://blog.example.com" },
  },
  ...(["PUT", "PATCH"] as const).map((method) => ({
    name: `integration (${method})`,
    dto: integrationSchema,
    body: method === "PUT" ? putIntegrationBodySchema : patchIntegrationBodySchema,
    answer: {
      id,
      account_id: "acc_1",
      site_id: id,
      site_name: "Blog",
      platform: "wordpress",
      external_site_url: "https://blog.example.com",
      is_active: true,
      sync_enabled: false,
      last_sync_at: iso,
      sync_status: "idle",
      sync_error: null,
      connection_status: "connected",
      connection_error_code: null,
      connection_checked_at: iso,
      config_json: { post_types: ["post"] },
      credentials: { username: "editor", has_password: true, password_last4: "wxyz" },
      created_at: iso,
      updated_at: iso,
    },
    writes: {
      external_site_url: "https://blog.example.com",
      username: "editor",
      is_active: true,
      sync_enabled: false,
      config_json: { post_types: ["post"] },
    },
  })),
  {
    name: "content (PATCH)",
    dto: contentSchema,
    body: updateContentBodySchema,
    answer: {
      id,
      site_id: id,
      title: "",
      content: "<p>Hi</p>",
      excerpt: "",
      slug: "%e6%97%a5%e6%9c%ac",
      content_type: "post",
      status: "published",
      categories: ["日本"],
      tags: [],
      featured_image_url: null,
      scheduled_at: null,
      ...seo,
      approved_at: iso,
      is_auto_approved: false,
      published_at: iso,
      wordpress_id: 12,
      wordpress_url: "https://blog.example.com/?p=12",
      wordpress_status: "publish",
      sync_state: "synced",
      last_synced_at: iso,
      references: [
        {
          integration_id: id,
          platform: "wordpress",
          external_id: "12",
          url: "https://blog.example.com/?p=12",
          remote_status: "publish",
          sync_state: "synced",
          last_synced_at: iso,
        },
      ],
      created_at: iso,
      updated_at: iso,
      last_sync_event: {
        id,
        event_type: "content_pull",
        direction: "wp_to_igny8",
        status: "success",
        error_code: null,
        error_message: null,
        fix: null,
        created_at: iso,
      },
    },
    writes: {
      title: "",
      content: "<p>Hi</p>",
      excerpt: "",
      slug: "%e6%97%a5%e6%9c%ac",
      content_type: "post",
      status: "published",
      categories: ["日本"],
      tags: [],
      featured_image_url: null,
      scheduled_at: null,
      ...seo,
    },
  },
  ...(["PUT", "PATCH"] as const).map((method) => ({
    name: `publishing settings (${method})`,
    dto: publishingSettingsSchema,
    body: method === "PUT" ? putPublishingSettingsBodySchema : patchPublishingSettingsBodySchema,
    answer: {
      site_id: id,
      auto_approval_enabled: false,
      auto_publish_enabled: true,
      daily_publish_limit: 3,
      weekly_publish_limit: 15,
      monthly_publish_limit: 50,
      publish_days: ["mon", "wed"],
      publish_time_slots: [{ start: "09:00", end: "12:00" }],
      timezone: "Europe/Berlin",
      updated_at: iso,
    },
    writes: {
      auto_approval_enabled: false,
      auto_publish_enabled: true,
      daily_publish_limit: 3,
      weekly_publish_limit: 15,
      monthly_publish_limit: 50,
      publish_days: ["mon", "wed"],
      publish_time_slots: [{ start: "09:00", end: "12:00" }],
      timezone: "Europe/Berlin",
    },
  })),
  {
    name: "AI settings (PUT)",
    dto: aiSettingsSchema,
    body: updateAiSettingsBodySchema,
    answer: (() => {
      const level = { has_key: false, key_last4: null, status: null, last_tested_at: null };
      const provider = { ...level, source: "none", account: level, global: level };
      const defaults = { default_text_model: "gpt-4o", default_image_model: null, default_image_provider: null };
      return {
        providers: { openai: provider, anthropic: provider, runware: provider, bria: provider },
        defaults: {
          text_model: { value: "gpt-4o", source: "account" },
          image_model: { value: null, source: "none" },
          image_provider: { value: null, source: "none" },
        },
        account_defaults: defaults,
        global_defaults: { ...defaults, default_text_model: "gpt-4o-mini" },
        permissions: { edit_account: true, edit_global: false },
      };
    })(),
    writes: {
      account_defaults: { default_text_model: "gpt-4o", default_image_model: null, default_image_provider: null },
      global_defaults: { default_text_model: "gpt-4o-mini", default_image_model: null, default_image_provider: null },
    },
  },
  {
    name: "conflict policy (PATCH)",
    dto: conflictPolicyDtoSchema,
    body: conflictPolicyBodySchema,
    answer: { integration_id: id, policy: "newest_wins", open_conflicts: 2 },
    writes: { policy: "newest_wins" },
  },
  {
    name: "sync schedule (PATCH)",
    dto: syncScheduleSchema,
    body: syncScheduleBodySchema,
    answer: { integration_id: id, interval_minutes: 30, next_run_at: iso, consecutive_failures: 1 },
    writes: { interval_minutes: 30 },
  },
];
