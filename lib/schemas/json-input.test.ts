import { describe, expect, it } from "vitest";
import { boundedJsonObjectSchema, findJsonInputProblem, formatJsonPath, MAX_JSON_DEPTH, ownValue } from "./json-input";

/** `{"a": {"a": ... }}` nested `levels` deep, built as text and parsed like a request body. */
const nested = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`);

describe("findJsonInputProblem", () => {
  it("accepts ordinary JSON", () => {
    expect(
      findJsonInputProblem({
        title: "Hello",
        tags: ["a", "b"],
        config_json: { post_types: ["product"], n: 1, ok: true, none: null },
      }),
    ).toBeUndefined();
    expect(findJsonInputProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it("refuses 10,000 levels of nesting without overflowing the stack, naming where the limit is passed", () => {
    const problem = findJsonInputProblem(nested(10_000));
    expect(problem?.message).toBe(`is nested more than ${MAX_JSON_DEPTH} levels deep; send flatter JSON`);
    expect(problem?.path).toEqual(Array(MAX_JSON_DEPTH).fill("a"));
    expect(findJsonInputProblem(JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`))?.path).toHaveLength(
      MAX_JSON_DEPTH,
    );
  });

  it("finds a NUL character in a string value, in an array item and in a key", () => {
    expect(findJsonInputProblem({ title: "a\u0000b" })).toEqual({
      path: ["title"],
      message: "contains a NUL character (\\u0000); remove it",
    });
    expect(findJsonInputProblem({ tags: ["ok", "x\u0000"] })?.path).toEqual(["tags", 1]);
    expect(findJsonInputProblem({ config_json: { "k\u0000": 1 } })).toEqual({
      path: ["config_json"],
      message: "has a key that contains a NUL character (\\u0000); remove it",
    });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses %s as a key at any level", (key) => {
    expect(findJsonInputProblem(JSON.parse(`{"${key}": {"x": 1}}`))?.path).toEqual([key]);
    expect(findJsonInputProblem(JSON.parse(`{"config_json": {"a": [{"${key}": 1}]}}`))).toEqual({
      path: ["config_json", "a", 0, key],
      message: "is a reserved name (__proto__, constructor, prototype) and cannot be a key; rename it",
    });
  });

  it("reports the first problem in document order", () => {
    expect(findJsonInputProblem({ a: "fine", b: "x\u0000", c: { constructor: 1 } })?.path).toEqual(["b"]);
  });

  it("leaves the reserved names alone as values: they are ordinary text", () => {
    expect(findJsonInputProblem({ title: "constructor", slug: "prototype", excerpt: "__proto__" })).toBeUndefined();
  });
});

describe("formatJsonPath", () => {
  it("joins like the schema errors, names the whole input for the root, and shortens long keys", () => {
    expect(formatJsonPath(["config_json", "types", 0], "body")).toBe("config_json.types.0");
    expect(formatJsonPath([], "query")).toBe("query");
    expect(formatJsonPath(["k".repeat(500)], "body")).toHaveLength(200);
  });
});

describe("ownValue", () => {
  const table: Record<string, string> = { post: "posts" };
  it("finds only the record's own entries", () => {
    expect(ownValue(table, "post")).toBe("posts");
    for (const key of ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])
      expect(ownValue(table, key)).toBeUndefined();
  });
});

describe("boundedJsonObjectSchema", () => {
  const schema = boundedJsonObjectSchema({ maxDepth: 4, maxBytes: 1024 });
  const issue = (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? undefined : { path: result.error.issues[0].path, message: result.error.issues[0].message };
  };

  it("accepts a small, shallow object", () => {
    expect(schema.parse({ post_types: ["product"], nested: { a: { b: 1 } } })).toEqual({
      post_types: ["product"],
      nested: { a: { b: 1 } },
    });
  });

  it("refuses an object deeper than its limit, naming the path", () => {
    expect(issue({ a: { b: { c: { d: {} } } } })).toEqual({
      path: ["a", "b", "c", "d"],
      message: "is nested more than 4 levels deep; send flatter JSON",
    });
  });

  it("refuses an object larger than its limit as JSON", () => {
    expect(issue({ text: "x".repeat(2000) })).toEqual({
      path: [],
      message: "is 2 KB as JSON; it must be 1 KB or less",
    });
  });

  it("refuses a __proto__ key that zod's record would drop silently", () => {
    expect(issue(JSON.parse('{"__proto__": {"polluted": true}}'))?.path).toEqual(["__proto__"]);
  });

  it("still says what it must be", () => {
    expect(issue("text")).toEqual({ path: [], message: "must be a JSON object" });
    expect(issue([1])).toEqual({ path: [], message: "must be a JSON object" });
  });
});
