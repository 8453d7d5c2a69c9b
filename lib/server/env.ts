import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Unset and empty are the same: not configured. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);
const optionalUrl = optionalText.refine((v) => v === undefined || URL.canParse(v), "must be a URL");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://"),
  ENCRYPTION_KEYS: z.string().optional(),
  BETTER_AUTH_SECRET: z.string().optional(),
  BETTER_AUTH_URL: z.string().url().optional(),
  APP_URL: z.string().url().optional(),
  ADMIN_EMAILS: csv.transform((list) => list.map((e) => e.toLowerCase())),
  EGRESS_ALLOW: csv,
  /** Set when the app sits behind a proxy that overwrites X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v === "true" || v === "1"),
  OPENAI_BASE_URL: z.string().url().optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  RUNWARE_BASE_URL: z.string().url().optional(),
  BRIA_BASE_URL: z.string().url().optional(),
  /** IGNY8's apps for one-click connect by OAuth (each platform's start is refused while its pair is unset). */
  SHOPIFY_CLIENT_ID: optionalText,
  SHOPIFY_CLIENT_SECRET: optionalText,
  WEBFLOW_CLIENT_ID: optionalText,
  WEBFLOW_CLIENT_SECRET: optionalText,
  /** Gateways (tests: the local test servers): Shopify's stores, Webflow's Data API and its OAuth pages. */
  SHOPIFY_API_URL: optionalUrl,
  WEBFLOW_API_URL: optionalUrl,
  WEBFLOW_OAUTH_URL: optionalUrl,
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string };

export class EnvError extends Error {}

/** Parses an environment; a bad value fails with the variable's name and what to fix. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`Invalid environment: ${problems}`);
  }
  const env = result.data;
  return { ...env, APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "") };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
