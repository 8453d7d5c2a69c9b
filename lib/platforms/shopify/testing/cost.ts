/**
 * Shopify's calculated query cost (a rough model: the real per-field costs are not in the schema) and
 * the leaky bucket per app and shop that answers THROTTLED when a query costs more than is available.
 */
import {
  getNamedType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** Objects cost 1, connections 2 plus `first` times their nodes, scalars 0, a mutation 10 more. */
export function queryCost(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown>): number {
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return 0;
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const argValue = (value: { kind: string; value?: string; name?: { value: string } }) =>
    value.kind === Kind.VARIABLE ? Number(variables[value.name!.value] ?? 1) : Number(value.value ?? 1);

  function cost(set: SelectionSetNode, parent: GraphQLCompositeType): number {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        const type = frag && schema.getType(frag.typeCondition.name.value);
        if (frag && type) total += cost(frag.selectionSet, type as GraphQLCompositeType);
        continue;
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += cost(sel.selectionSet, (type ?? parent) as GraphQLCompositeType);
        continue;
      }
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[sel.name.value];
      if (!field || !sel.selectionSet) continue;
      const type = getNamedType(field.type);
      if (isLeafType(type)) continue;
      const inner = cost(sel.selectionSet, type as GraphQLCompositeType);
      if (type.name.endsWith("Connection")) {
        const first = sel.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
        total += 2 + (first ? argValue(first.value as never) : 1) * inner;
      } else total += 1 + inner;
    }
    return total;
  }
  const root = operation.operation === "mutation" ? schema.getMutationType()! : schema.getQueryType()!;
  return cost(operation.selectionSet, root) + (operation.operation === "mutation" ? 10 : 0);
}

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/** A leaky bucket: `maximumAvailable` points, refilled at `restoreRate` points a second. */
export class CostBucket {
  private available: number;
  private at = Date.now();

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
  ) {
    this.available = maximumAvailable;
  }

  private refill() {
    const now = Date.now();
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }

  /** Takes `cost` points when the bucket holds them; false (nothing taken) when it does not. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
