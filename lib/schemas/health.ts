import { z } from "zod";

/** `GET /api/health`: 200 when the database answers and its migrations are current, else 503. */
export const healthSchema = z.object({
  status: z.enum(["ok", "error"]),
  database: z.enum(["embedded", "postgres", "unreachable"]),
  migrations: z.enum(["current", "pending", "unknown"]),
  reason: z.string().optional(),
});
export type Health = z.infer<typeof healthSchema>;
