import "server-only";
import { z } from "zod";
import { idParamsSchema, paginationQuerySchema } from "@/lib/schemas/common";
import { createSiteBodySchema, siteSchema, updateSiteBodySchema } from "@/lib/schemas/sites";
import {
  patchPublishingSettingsBodySchema,
  plannedPublicationSchema,
  publishingScheduleQuerySchema,
  publishingSettingsSchema,
  putPublishingSettingsBodySchema,
} from "@/lib/schemas/publishing";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { ex, managers } from "./shared";

const siteExample = {
  id: ex.siteId,
  name: "Garden Blog",
  url: "https://garden.example.com",
  wp_username: "editor",
  has_wp_api_key: true,
  wp_api_key_last4: "x7Qa",
  created_at: ex.at,
  updated_at: ex.at,
};

const settingsExample = {
  site_id: ex.siteId,
  auto_approval_enabled: false,
  auto_publish_enabled: true,
  daily_publish_limit: 3,
  weekly_publish_limit: 15,
  monthly_publish_limit: 50,
  publish_days: ["mon", "tue", "wed", "thu", "fri"],
  publish_time_slots: [{ start: "09:00", end: "12:00" }],
  timezone: "Europe/Berlin",
  updated_at: ex.at,
};
/** A PUT body: the settings without the fields the server sets. */
const settingsBody = Object.fromEntries(
  Object.entries(settingsExample).filter(([key]) => key !== "site_id" && key !== "updated_at"),
);

const tag = "Sites";

export const listSites = defineOperation({
  method: "GET",
  path: "/api/v1/sites/",
  operationId: "listSites",
  tag,
  summary: "List the account's sites",
  query: paginationQuerySchema,
  responses: { 200: { description: "A page of sites, newest first.", schema: pageOf(siteSchema) } },
});

export const createSite = defineOperation({
  method: "POST",
  path: "/api/v1/sites/",
  operationId: "createSite",
  tag,
  summary: "Add a site",
  roles: managers,
  body: createSiteBodySchema,
  bodyExample: { name: "Garden Blog", url: "https://garden.example.com" },
  responses: {
    201: {
      description: "The new site.",
      schema: siteSchema,
      example: { ...siteExample, wp_username: null, has_wp_api_key: false, wp_api_key_last4: null },
    },
  },
});

export const getSite = defineOperation({
  method: "GET",
  path: "/api/v1/sites/{id}/",
  operationId: "getSite",
  tag,
  summary: "Get one site",
  params: idParamsSchema,
  responses: {
    200: {
      description: "The site; its WordPress password never leaves the server.",
      schema: siteSchema,
      example: siteExample,
    },
  },
});

export const updateSite = defineOperation({
  method: "PATCH",
  path: "/api/v1/sites/{id}/",
  operationId: "updateSite",
  takesGetAnswer: true,
  tag,
  summary: "Rename or move a site",
  roles: managers,
  params: idParamsSchema,
  body: updateSiteBodySchema,
  bodyExample: { name: "The Garden Blog" },
  responses: { 200: { description: "The site as saved.", schema: siteSchema } },
});

export const deleteSite = defineOperation({
  method: "DELETE",
  path: "/api/v1/sites/{id}/",
  operationId: "deleteSite",
  tag,
  summary: "Remove a site and everything attached to it",
  description: "Its integrations, content and sync history go too; the WordPress site itself is untouched.",
  roles: managers,
  params: idParamsSchema,
  responses: { 204: { description: "Removed." } },
});

export const getPublishingSettings = defineOperation({
  method: "GET",
  path: "/api/v1/sites/{id}/publishing_settings/",
  operationId: "getPublishingSettings",
  tag: "Publishing",
  summary: "Get the site's publishing settings",
  description: "Created with the defaults on first read.",
  params: idParamsSchema,
  responses: { 200: { description: "The settings.", schema: publishingSettingsSchema, example: settingsExample } },
});

export const replacePublishingSettings = defineOperation({
  method: "PUT",
  path: "/api/v1/sites/{id}/publishing_settings/",
  operationId: "replacePublishingSettings",
  takesGetAnswer: true,
  tag: "Publishing",
  summary: "Replace every publishing setting",
  roles: managers,
  params: idParamsSchema,
  body: putPublishingSettingsBodySchema,
  bodyExample: settingsBody,
  responses: {
    200: { description: "The settings as saved.", schema: publishingSettingsSchema, example: settingsExample },
  },
});

export const updatePublishingSettings = defineOperation({
  method: "PATCH",
  path: "/api/v1/sites/{id}/publishing_settings/",
  operationId: "updatePublishingSettings",
  takesGetAnswer: true,
  tag: "Publishing",
  summary: "Change some publishing settings",
  roles: managers,
  params: idParamsSchema,
  body: patchPublishingSettingsBodySchema,
  bodyExample: { daily_publish_limit: 5, publish_days: ["mon", "wed", "fri"] },
  responses: { 200: { description: "The settings as saved.", schema: publishingSettingsSchema } },
});

export const getPublishingSchedule = defineOperation({
  method: "GET",
  path: "/api/v1/sites/{id}/publishing_schedule/",
  operationId: "getPublishingSchedule",
  tag: "Publishing",
  summary: "The publications the scheduler plans, in order",
  description: "Approved items, placed in the site's days, time slots and limits over the next `days` days.",
  params: idParamsSchema,
  query: publishingScheduleQuerySchema,
  responses: {
    200: {
      description: "Planned publications, soonest first.",
      schema: z.array(plannedPublicationSchema),
      example: [
        { content_id: ex.contentId, title: "Planting tulips in autumn", publish_at: "2026-01-16T08:00:00.000Z" },
      ],
    },
  },
});
