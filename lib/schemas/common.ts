import { z } from "zod";

export const uuidSchema = z.uuid({ message: "must be a valid id" });
export const idParamsSchema = z.object({ id: uuidSchema });

export const paginationQuerySchema = z.object({
  page: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  page_size: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").max(100, "must be 100 or less").default(25),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export type Page<T> = { count: number; next: string | null; previous: string | null; results: T[] };

export const httpUrlSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(2048, "is too long")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "must be a full http:// or https:// address, like https://example.com")
  .transform((value) => value.replace(/\/+$/, ""));
