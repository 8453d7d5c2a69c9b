import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allOperations, operations } from "../operations";
import { errorCodesOf } from "../operation";
import { errorStatus } from "../errors";
import { buildOpenApiDocument } from "./document";

const root = path.join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // The catch-all answers paths that no route serves (not_found): it is no operation of the API.
    if (entry.isDirectory()) return entry.name.startsWith("[...") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/v1/sites/[id]/route.ts` → `/api/v1/sites/{id}/` (the document's form: trailing slash, unless a file name). */
function pathOf(file: string) {
  const folder = "/" + path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep).join("/");
  const templated = folder.replace(/\[([^\]]+)\]/g, "{$1}");
  return templated.split("/").pop()!.includes(".") ? templated : `${templated}/`;
}

/** What the route files serve: every exported HTTP method, with the declaration it takes (if wrapped). */
const served = routeFiles(root).flatMap((file) => {
  const source = fs.readFileSync(file, "utf8");
  return [
    ...source.matchAll(/^export (?:const|async function|function) (\w+)\b(?:\s*=\s*handler\(\s*operations\.(\w+))?/gm),
  ]
    .filter(([, name]) => (METHODS as readonly string[]).includes(name))
    .map(([, method, operationId]) => ({
      file: path.relative(process.cwd(), file),
      path: pathOf(file),
      method,
      operationId,
    }));
});

const document = buildOpenApiDocument();
const documented = Object.entries(document.paths ?? {}).flatMap(([p, item]) =>
  Object.keys(item ?? {})
    .filter((key) => (METHODS as readonly string[]).includes(key.toUpperCase()))
    .map((method) => `${method.toUpperCase()} ${p}`),
);

describe("the OpenAPI document", () => {
  it("describes every /api/v1 route file's methods, and nothing else under /api/v1", () => {
    expect(served.length).toBeGreaterThan(40);
    const fromFiles = served.map((s) => `${s.method} ${s.path}`).sort();
    const fromDocument = documented.filter((key) => key.split(" ")[1].startsWith("/api/v1/")).sort();
    expect(
      fromDocument.filter((key) => !fromFiles.includes(key)),
      "documented, but no route file serves it",
    ).toEqual([]);
    expect(
      fromFiles.filter((key) => !fromDocument.includes(key)),
      "served by a route file, but not documented",
    ).toEqual([]);
  });

  it("has each wrapped route take the declaration of its own path and method", () => {
    const wrapped = served.filter((s) => s.operationId);
    expect(wrapped.length).toBeGreaterThan(40);
    for (const route of wrapped) {
      const operation = (operations as Record<string, (typeof allOperations)[number]>)[route.operationId!];
      expect(operation, `${route.file}: operations.${route.operationId}`).toBeDefined();
      expect(`${operation.method} ${operation.path}`, route.file).toBe(`${route.method} ${route.path}`);
    }
  });

  it("declares each operation once, with a unique operationId", () => {
    const keys = allOperations.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(allOperations.map((op) => op.operationId)).size).toBe(allOperations.length);
  });

  it("answers errors with the statuses of the error table", () => {
    for (const operation of allOperations) {
      for (const [status, codes] of errorCodesOf(operation)) {
        for (const code of codes) {
          // A code answered with another status than the table's says so in its declaration.
          const isExplicit = operation.errors?.some(
            (spec) => typeof spec !== "string" && spec[0] === code && spec[1] === status,
          );
          if (!isExplicit) expect(errorStatus[code], `${operation.operationId}: ${code}`).toBe(status);
        }
      }
    }
  });

  it("documents the wrapper's own errors on every wrapped operation", () => {
    const responses = (id: keyof typeof operations) =>
      document.paths?.[operations[id].path]?.[operations[id].method.toLowerCase() as "get"]?.responses ?? {};
    expect(Object.keys(responses("createSite"))).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "413", "422", "500"]),
    );
    expect(Object.keys(responses("getSite"))).toEqual(expect.arrayContaining(["200", "401", "404"]));
    expect(Object.keys(responses("getOpenApiDocument"))).not.toContain("401");
    expect(Object.keys(responses("receiveWordPressWebhook"))).toEqual(
      expect.arrayContaining(["200", "202", "401", "429"]),
    );
  });

  // Stands in for the linter's operation-4xx-response rule, which the two public documents cannot meet.
  it("answers a client error on every operation but health and the document itself", () => {
    const without4xx = allOperations.filter(
      (op) => ![...errorCodesOf(op).keys()].some((status) => status >= 400 && status < 500),
    );
    expect(without4xx.map((op) => op.operationId).sort()).toEqual(["getHealth", "getOpenApiDocument"]);
  });

  it("says of every resource's PUT and PATCH that its GET answer can be sent back (the model price edit is an admin form, not a resource write)", () => {
    const writes = allOperations.filter((o) => o.method === "PUT" || o.method === "PATCH");
    expect(writes.filter((o) => !o.takesGetAnswer).map((o) => o.operationId)).toEqual(["updateAiModel"]);
    const document = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    for (const o of writes.filter((w) => w.takesGetAnswer)) {
      expect(document.paths[o.path][o.method.toLowerCase()].description).toContain("GET answer may be sent back");
    }
  });

  it("is OpenAPI 3.1 with both auth schemes and the shared envelopes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(["session", "apiKey"]);
    expect(document.components?.schemas).toHaveProperty("Error");
    expect(document.components?.schemas).toHaveProperty("Page");
  });
});
