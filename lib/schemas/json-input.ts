import { z } from "zod";

/**
 * Limits every JSON value a client sends must meet, whatever the field: checked by the handler
 * wrapper on each request body and query before any schema, and by the schemas of free-form JSON
 * fields (config_json) with tighter limits.
 */

/** Nesting of a whole request body; no field of ours goes deeper than a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/** Keys that reach an object's prototype machinery when used to look something up or to assign. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export const isReservedKey = (key: string) => RESERVED_KEYS.has(key);

/** `record[key]` for user-supplied keys: only the record's own entries, never Object.prototype's. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export type JsonInputProblem = { path: (string | number)[]; message: string };

const NUL = "\u0000";
const nulMessage = "contains a NUL character (\\u0000); remove it";

/**
 * The first problem of a parsed JSON value in document order: nested deeper than `maxDepth`, a NUL
 * character in a string or a key, or a reserved key (`__proto__`, `constructor`, `prototype`).
 * Iterative, so a value nested 10,000 levels deep is refused without a stack overflow.
 */
export function findJsonInputProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonInputProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes(NUL)) return { path, message: nulMessage };
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    // path.length is how many containers enclose this one.
    if (path.length >= maxDepth)
      return { path, message: `is nested more than ${maxDepth} levels deep; send flatter JSON` };
    const children: { value: unknown; path: (string | number)[] }[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) => children.push({ value: item, path: [...path, index] }));
    } else {
      for (const key of Object.keys(current)) {
        if (key.includes(NUL)) return { path, message: `has a key that ${nulMessage}` };
        if (isReservedKey(key))
          return {
            path: [...path, key],
            message: `is a reserved name (${[...RESERVED_KEYS].join(", ")}) and cannot be a key; rename it`,
          };
        children.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

/** A path as the API names fields (`config_json.a.0`), shortened when a client sent very long keys. */
export function formatJsonPath(path: (string | number)[], whole: string): string {
  const text = path.length ? path.join(".") : whole;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * A free-form JSON object field (config_json): an object no deeper than `maxDepth` (the field
 * itself is level 1) and no larger than `maxBytes` as JSON, without reserved keys or NUL characters.
 * The input is checked as sent: zod's record drops a `__proto__` key silently.
 */
export function boundedJsonObjectSchema({ maxDepth, maxBytes }: { maxDepth: number; maxBytes: number }) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const problem = findJsonInputProblem(value, maxDepth);
      if (problem) {
        ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
        return;
      }
      const bytes = new TextEncoder().encode(JSON.stringify(value) ?? "").byteLength;
      if (bytes > maxBytes)
        ctx.addIssue({
          code: "custom",
          message: `is ${Math.ceil(bytes / 1024)} KB as JSON; it must be ${maxBytes / 1024} KB or less`,
        });
    })
    .pipe(z.record(z.string(), z.unknown(), { message: "must be a JSON object" }));
}
