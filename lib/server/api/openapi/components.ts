import "server-only";
import { z } from "zod";
import type { ErrorCode } from "../errors";

/** `{"error": {"code", "message", "fix"?, "details"?}}`: every error answer (errors.ts `errorBody`). */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: "Stable, snake_case; the operation lists the codes it can answer per status." }),
      message: z
        .string()
        .meta({ description: "What went wrong, for a person. Validation errors say `<field>: <problem>`." }),
      fix: z.string().optional().meta({ description: "What the caller can do about it." }),
      details: z.unknown().optional().meta({
        description: "Machine-readable detail: the failing fields of a validation error, what a site answered.",
      }),
    }),
  })
  .meta({ description: "The error envelope." });

/** The error envelope narrowed to the codes one operation answers with one status. */
export const errorOf = (codes: readonly [ErrorCode, ...ErrorCode[]]) =>
  z.intersection(errorEnvelopeSchema, z.looseObject({ error: z.looseObject({ code: z.enum(codes) }) }));

/** `{"count", "next", "previous", "results"}`: every list (paginate.ts `toPage`). */
export const pageSchema = z
  .object({
    count: z.number().int().min(0).meta({ description: "Items in the whole list, over every page." }),
    next: z.string().nullable().meta({ description: "Path and query of the next page; null on the last." }),
    previous: z.string().nullable().meta({ description: "Path and query of the previous page; null on the first." }),
    results: z.array(z.unknown()),
  })
  .meta({
    description: "The list envelope (Django REST Framework's): `page` and `page_size` (at most 100) choose the page.",
  });

/** The list envelope with its items' schema. */
export const pageOf = (item: z.ZodType) => z.intersection(pageSchema, z.looseObject({ results: z.array(item) }));

/** better-auth's session cookie (`__Secure-` prefixed when the app is served over HTTPS). */
export const SESSION_COOKIE = "better-auth.session_token";

export const securitySchemes = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The browser session of a signed-in user (`POST /api/auth/sign-in/email` sets it). Over HTTPS the cookie is named `__Secure-better-auth.session_token`.",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "igny8_…",
    description:
      "An API key of the account, created under **API keys** or with `POST /api/v1/api-keys/`: `Authorization: Bearer igny8_…`.",
  },
} as const;
