/**
 * One Admin GraphQL request: parsed, validated against the vendored 2026-10 schema, costed against
 * the bucket and executed by graphql-js against the schema (so every answer is type-checked).
 */
import { execute, GraphQLError, parse, validate, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { CostBucket, queryCost } from "./cost";
import { contentMutations } from "./mutations-content";
import { fileMutations } from "./mutations-files";
import { pageMutations } from "./mutations-pages";
import { queryRoot, type ServerContext } from "./queries";
import { adminSchema } from "./schema";

export type GraphQLAnswer = { status: number; body: Record<string, unknown> };

/** Each request the endpoint answered, for tests that count or look at them. */
export type RequestLog = { operationName: string | null; cost: number; outcome: "ok" | "throttled" | "invalid" };

const UNDEFINED_FIELD = /^Cannot query field "(\w+)" on type "(\w+)"\./;

/** graphql-js's validation errors in the words and shape Shopify (graphql-ruby) uses where they differ. */
function shopifyError(error: GraphQLError) {
  const base = { message: error.message, locations: error.locations, ...(error.path && { path: error.path }) };
  const undefinedField = UNDEFINED_FIELD.exec(error.message);
  if (undefinedField) {
    const [, fieldName, typeName] = undefinedField;
    return {
      ...base,
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: "undefinedField", typeName, fieldName },
    };
  }
  return { ...base, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
}

export async function answerGraphQL(
  ctx: ServerContext,
  bucket: CostBucket,
  body: { query?: unknown; variables?: unknown; operationName?: unknown },
  log: RequestLog[],
  throttledStatus: number,
): Promise<GraphQLAnswer> {
  const schema = adminSchema();
  if (typeof body.query !== "string")
    return { status: 400, body: { errors: [{ message: "No query string was present" }] } };
  let doc: DocumentNode;
  try {
    doc = parse(body.query);
  } catch (err) {
    log.push({ operationName: null, cost: 0, outcome: "invalid" });
    return {
      status: 200,
      body: { errors: [{ message: (err as GraphQLError).message, locations: (err as GraphQLError).locations }] },
    };
  }
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
  const operationName = operation?.name?.value ?? null;
  const problems = validate(schema, doc);
  if (problems.length) {
    log.push({ operationName, cost: 0, outcome: "invalid" });
    return { status: 200, body: { errors: problems.map(shopifyError) } };
  }
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const requested = queryCost(schema, doc, variables);
  if (requested > 1000) {
    log.push({ operationName, cost: requested, outcome: "invalid" });
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (1000).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: 1000 },
          },
        ],
      },
    };
  }
  if (!bucket.take(requested)) {
    log.push({ operationName, cost: requested, outcome: "throttled" });
    return {
      status: throttledStatus,
      body: {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
      },
    };
  }
  log.push({ operationName, cost: requested, outcome: "ok" });
  const rootValue =
    operation?.operation === "mutation"
      ? { ...contentMutations(ctx), ...pageMutations(ctx), ...fileMutations(ctx) }
      : queryRoot(ctx);
  const result = await execute({ schema, document: doc, rootValue, contextValue: ctx, variableValues: variables });
  const errors = result.errors?.map((e) => ({
    message: e.message,
    locations: e.locations,
    path: e.path,
    extensions: { code: result.data === undefined ? "INVALID_VARIABLE" : "INTERNAL_SERVER_ERROR", ...e.extensions },
  }));
  return {
    status: 200,
    body: {
      ...(result.data !== undefined && { data: result.data }),
      ...(errors && { errors }),
      extensions: {
        cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: bucket.status() },
      },
    },
  };
}
