import { z } from "zod";

export const createApiKeyBodySchema = z.object({
  name: z.string({ message: "is required" }).trim().min(1, "is required").max(100, "must be 100 characters or less"),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;

/** `POST /api-keys/`: the key itself, shown this once (only its hash is stored). */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeySchema>;
