import "server-only";
import { idParamsSchema } from "@/lib/schemas/common";
import {
  conflictDetailSchema,
  conflictParamsSchema,
  conflictPolicyBodySchema,
  conflictPolicyDtoSchema,
  conflictSummarySchema,
  listConflictsQuerySchema,
  resolveConflictBodySchema,
} from "@/lib/schemas/conflicts";
import { defineOperation } from "../operation";
import { pageOf } from "../openapi/components";
import { credentialErrors, ex, managers, pushSiteErrors } from "./shared";

const tag = "Conflicts";

export const listIntegrationConflicts = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/conflicts/",
  operationId: "listIntegrationConflicts",
  tag,
  summary: "List an integration's conflicts",
  description: "Newest first; `status` filters open or resolved ones.",
  params: idParamsSchema,
  query: listConflictsQuerySchema,
  responses: { 200: { description: "A page of conflicts.", schema: pageOf(conflictSummarySchema) } },
});

export const getConflictPolicy = defineOperation({
  method: "GET",
  path: "/api/v1/integration/{id}/conflict_policy/",
  operationId: "getConflictPolicy",
  tag,
  summary: "Get the integration's conflict policy",
  params: idParamsSchema,
  responses: {
    200: {
      description: "The policy and how many conflicts are open.",
      schema: conflictPolicyDtoSchema,
      example: { integration_id: ex.integrationId, policy: "manual", open_conflicts: 2 },
    },
  },
});

export const setConflictPolicy = defineOperation({
  method: "PATCH",
  path: "/api/v1/integration/{id}/conflict_policy/",
  operationId: "setConflictPolicy",
  takesGetAnswer: true,
  tag,
  summary: "Set the integration's conflict policy",
  description: "`manual` keeps both versions for a person to decide; the others decide by themselves from now on.",
  roles: managers,
  params: idParamsSchema,
  body: conflictPolicyBodySchema,
  bodyExample: { policy: "newest_wins" },
  responses: { 200: { description: "The policy as saved.", schema: conflictPolicyDtoSchema } },
});

export const getConflict = defineOperation({
  method: "GET",
  path: "/api/v1/conflicts/{id}/",
  operationId: "getConflict",
  tag,
  summary: "Get a conflict: both versions and the base, field by field",
  params: conflictParamsSchema,
  responses: { 200: { description: "The conflict.", schema: conflictDetailSchema } },
});

export const resolveConflict = defineOperation({
  method: "POST",
  path: "/api/v1/conflicts/{id}/resolve/",
  operationId: "resolveConflict",
  tag,
  summary: "Resolve a conflict",
  description:
    "Keeps IGNY8's, WordPress's or a merged version on both sides. An edit landing in WordPress meanwhile answers `409` " +
    "and leaves the conflict open with the newest WordPress version.",
  params: conflictParamsSchema,
  body: resolveConflictBodySchema,
  bodyExample: { choice: "merged", merged: { title: "Planting tulips in October" } },
  errors: ["conflict", ...credentialErrors, ...pushSiteErrors],
  responses: { 200: { description: "The resolved conflict.", schema: conflictDetailSchema } },
});
