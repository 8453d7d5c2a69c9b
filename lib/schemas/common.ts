import { z } from "zod";

export const uuidSchema = z.uuid({ message: "must be a valid id" });
export const idParamsSchema = z.object({ id: uuidSchema });

export const paginationQuerySchema = z.object({
  page: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  page_size: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1, "must be 1 or more")
    .max(100, "must be 100 or less")
    .default(25),
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
      return (
        (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password
      );
    } catch {
      return false;
    }
  }, "must be a full http:// or https:// address, like https://example.com")
  .transform((value) => value.replace(/\/+$/, ""));

/** What a strict body says about a key it does not know, or about a value that is no object. */
export const strictObjectError = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" ? `unknown field: ${issue.keys?.join(", ")}` : "must be a JSON object",
};

/** An object that refuses keys it does not know, with the message above. */
export const strictBody = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, strictObjectError);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A write body that also takes back what a GET of the resource answered, so a script can read,
 * change a field and write the whole thing back. Every field of `dto` that `body` does not write
 * is read-only here: it is accepted and dropped before `body` parses, whatever its value (a
 * changed `id` or `updated_at` is ignored, not refused). Writable fields keep their validation,
 * and a field in neither schema is still refused by `body` ("unknown field: x"). Nested read-only
 * parts go the same way by wrapping the nested body schema too.
 */
export function acceptingReadOnly<B extends z.ZodType>(body: B, dto: z.ZodObject) {
  const writable = writableKeys(body);
  const readOnly = Object.keys(dto.shape).filter((key) => !writable.includes(key));
  return z.preprocess(
    (input) =>
      isPlainObject(input)
        ? Object.fromEntries(Object.entries(input).filter(([key]) => !readOnly.includes(key)))
        : input,
    body,
  );
}

/** The keys an object body writes (through `.partial()`, refinements and transforms). */
function writableKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe)
    return writableKeys((schema.in instanceof z.ZodTransform ? schema.out : schema.in) as z.ZodType);
  throw new Error("acceptingReadOnly needs an object body schema");
}
