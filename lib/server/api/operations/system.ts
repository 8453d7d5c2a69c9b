import "server-only";
import { z } from "zod";
import { healthSchema } from "@/lib/schemas/health";
import { defineOperation } from "../operation";

const tag = "System";

export const getHealth = defineOperation({
  method: "GET",
  path: "/api/health",
  operationId: "getHealth",
  tag,
  summary: "Liveness and database state",
  isPublic: true,
  isUnwrapped: true,
  responses: {
    200: {
      description: "The database answers and its migrations are current.",
      schema: healthSchema,
      example: { status: "ok", database: "postgres", migrations: "current" },
    },
    503: {
      description: "The database is unreachable or has pending migrations; `reason` says which.",
      schema: healthSchema,
      example: {
        status: "error",
        database: "postgres",
        migrations: "pending",
        reason: "Database migrations are pending: run `npm run db:migrate`.",
      },
    },
  },
});

export const getOpenApiDocument = defineOperation({
  method: "GET",
  path: "/api/v1/openapi.json",
  operationId: "getOpenApiDocument",
  tag,
  summary: "This document",
  description: "OpenAPI 3.1, generated from the schemas the handlers validate with. Feed it to a client generator.",
  isPublic: true,
  responses: {
    200: {
      description: "The OpenAPI document.",
      schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
    },
  },
});
