import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  validate,
  type FieldNode,
  type OperationDefinitionNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import * as operations from "./operations";
import { adminSchema } from "./testing/schema";

const schema = adminSchema();
const entries: Array<[string, string]> = Object.entries(operations);

describe("every operation the adapter sends", () => {
  it("is there (the list is not empty)", () => {
    expect(entries.length).toBeGreaterThanOrEqual(20);
  });

  it.each(entries)("%s is one named operation Shopify's 2026-10 schema accepts", (_name, source) => {
    const doc = parse(source);
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(ops).toHaveLength(1);
    expect(ops[0].name?.value).toBeTruthy();
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });

  it.each(entries.filter(([, s]) => /^\s*mutation/.test(s)))("%s reads userErrors with every field it has", (_n, s) => {
    const op = parse(s).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    for (const sel of op.selectionSet.selections as FieldNode[]) {
      const payload = getNamedType(schema.getMutationType()!.getFields()[sel.name.value].type);
      const userErrors = (sel.selectionSet?.selections as FieldNode[]).find((f) => f.name.value === "userErrors");
      expect(userErrors, `${sel.name.value} selects userErrors`).toBeDefined();
      const errorType = isObjectType(payload) ? getNamedType(payload.getFields().userErrors.type) : undefined;
      const expected =
        isObjectType(errorType) && "code" in errorType.getFields()
          ? ["code", "field", "message"]
          : ["field", "message"];
      const selected = (userErrors!.selectionSet!.selections as FieldNode[]).map((f) => f.name.value).sort();
      expect(selected).toEqual(expected);
    }
  });

  it("the check itself refuses what Shopify refuses (bodyHtml is not an ArticleCreateInput field)", () => {
    const doc = parse(
      `mutation Bad { articleCreate(article: { title: "x", author: { name: "a" }, bodyHtml: "<p>" }) { userErrors { field } } }`,
    );
    expect(validate(schema, doc).map((e) => e.message)).toEqual([
      'Field "bodyHtml" is not defined by type "ArticleCreateInput". Did you mean "body"?',
    ]);
  });
});
