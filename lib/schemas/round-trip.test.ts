import { describe, expect, it } from "vitest";
import { z } from "zod";
import { acceptingReadOnly, strictBody } from "./common";
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

/** The message the API answers for a failed parse: "<field>: <problem>" (as handler.ts builds it). */
function messageOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join(".") || "body"}: ${issue.message}`;
}

describe("acceptingReadOnly", () => {
  const dto = z.object({ id: z.string(), name: z.string(), count: z.number(), updated_at: z.string() });
  const body = acceptingReadOnly(strictBody({ name: z.string().min(1, "is required") }).partial(), dto);

  it("drops the resource's read-only fields, whatever their value", () => {
    expect(body.parse({ id: "a", name: "x", count: 3, updated_at: "2026-01-01T00:00:00.000Z" })).toEqual({ name: "x" });
    expect(body.parse({ id: 42, name: "x", count: "many", updated_at: null })).toEqual({ name: "x" });
  });

  it("keeps the writable fields' validation and refuses fields of neither schema, naming them", () => {
    expect(messageOf(body, { id: "a", name: "" })).toBe("name: is required");
    expect(messageOf(body, { id: "a", name: "x", colour: "red", size: 2 })).toBe("body: unknown field: colour, size");
    expect(messageOf(body, [])).toBe("body: must be a JSON object");
    expect(messageOf(body, "name")).toBe("body: must be a JSON object");
  });

  it("goes through nested bodies wrapped the same way", () => {
    const nestedDto = z.object({ label: z.string(), has_secret: z.boolean() });
    const outer = acceptingReadOnly(
      strictBody({ nested: acceptingReadOnly(strictBody({ label: z.string() }).partial(), nestedDto).optional() }),
      z.object({ id: z.string(), nested: nestedDto }),
    );
    expect(outer.parse({ id: "a", nested: { label: "l", has_secret: true } })).toEqual({ nested: { label: "l" } });
    expect(messageOf(outer, { nested: { label: "l", secret: "s" } })).toBe("nested: unknown field: secret");
  });
});

const seo = { seo_title: "日本の旅", seo_description: null, focus_keyword: "travel japan", canonical_url: null };
const iso = "2026-03-02T09:00:00.000Z";
const id = "6f1c1a4e-2b0a-4c8e-9d1e-1a2b3c4d5e6f";

/**
 * One GET answer per resource with a write (PUT or PATCH), and what its write schema makes of it
 * sent back unchanged: exactly the writable fields, with nothing refused.
 */
const resources: {
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

describe.each(resources)("$name: a GET answer sent back", ({ dto, body, answer, writes }) => {
  it("is a valid GET answer (the sample keeps up with the resource)", () => {
    expect(dto.parse(answer)).toEqual(answer);
  });

  it("passes, and only the writable fields reach the service", () => {
    expect(body.parse(answer)).toEqual(writes);
  });

  it("passes with changed read-only values too (they are ignored)", () => {
    const readOnly = Object.keys(answer).filter((key) => !(key in writes) && key !== "credentials");
    const changed = {
      ...answer,
      ...Object.fromEntries(readOnly.map((key) => [key, typeof answer[key] === "number" ? 999 : "changed"])),
    };
    expect(body.parse(changed)).toEqual(writes);
  });

  it("still refuses a field the resource does not have, naming it", () => {
    expect(messageOf(body, { ...answer, colour: "red" })).toBe("body: unknown field: colour");
  });
});

describe("write bodies where a GET answer names a field differently", () => {
  const integration = resources.find((r) => r.name === "integration (PUT)")!.answer;

  it("integration: credentials.username is the username; has_password and password_last4 are read-only", () => {
    const changed = {
      ...integration,
      credentials: { username: "author", has_password: false, password_last4: "0000" },
    };
    expect(putIntegrationBodySchema.parse(changed)).toMatchObject({ username: "author" });
    expect(patchIntegrationBodySchema.parse({ credentials: { username: "author" } })).toEqual({ username: "author" });
    expect(patchIntegrationBodySchema.parse({ username: "author", credentials: { username: "author" } })).toEqual({
      username: "author",
    });
    expect(messageOf(patchIntegrationBodySchema, { username: "author", credentials: { username: "editor" } })).toBe(
      "credentials.username: differs from username; send one of them",
    );
    expect(messageOf(patchIntegrationBodySchema, { credentials: { username: "a", password: "p" } })).toBe(
      "credentials: unknown field: password",
    );
    // null is what a GET answers when no username is stored: it keeps the stored one.
    expect(
      putIntegrationBodySchema.parse({
        ...integration,
        credentials: { username: null, has_password: false, password_last4: null },
      }),
    ).not.toHaveProperty("username");
  });

  it("AI settings: scope is needed for keys and default_* fields, not for a GET answer's levels", () => {
    expect(messageOf(updateAiSettingsBodySchema, { keys: { openai: "sk-12345678" } })).toBe(
      "scope: is required with keys and default_*: global or account",
    );
    expect(messageOf(updateAiSettingsBodySchema, { default_text_model: "gpt-4o" })).toBe(
      "scope: is required with keys and default_*: global or account",
    );
    expect(messageOf(updateAiSettingsBodySchema, { scope: "account" })).toMatch(/^body: send at least one of: keys/);
    expect(
      messageOf(updateAiSettingsBodySchema, { account_defaults: { default_text_model: "gpt-4o", colour: "red" } }),
    ).toBe("account_defaults: unknown field: colour");
    expect(updateAiSettingsBodySchema.parse({ account_defaults: { default_image_provider: "" } })).toEqual({
      account_defaults: { default_image_provider: null },
    });
  });

  it("content: a person still cannot type an empty title on create, and bad slugs stay refused", () => {
    expect(messageOf(updateContentBodySchema, { slug: "Not A Slug" })).toMatch(/^slug: /);
    expect(messageOf(updateContentBodySchema, { slug: "trailing-" })).toMatch(/^slug: /);
    expect(updateContentBodySchema.parse({ slug: "my_post-2" })).toEqual({ slug: "my_post-2" });
    expect(messageOf(updateContentBodySchema, { status: "live" })).toBe(
      "status: must be one of: draft, review, approved, scheduled",
    );
    expect(messageOf(updateContentBodySchema, { title: null })).toBe("title: is required");
  });
});
