import "server-only";
import type { QueryCost } from "./schemas";

/**
 * Paces requests from Shopify's own bucket (`extensions.cost.throttleStatus`): before a query, waits
 * until the bucket holds what it will cost, so the shop never needs to answer THROTTLED.
 */
export class CostPacer {
  private available: number | undefined;
  private max = Infinity;
  private rate = 50;
  private at = 0;
  /** Queries in flight have taken their cost already (many may share one bucket). */
  private reserved = 0;
  /** Cost of each operation seen, to estimate the next one before it runs. */
  private readonly lastCost = new Map<string, number>();

  constructor(private readonly sleep: (ms: number) => Promise<void>) {}

  private current(): number {
    if (this.available === undefined) return Infinity;
    return Math.min(this.max, this.available + ((Date.now() - this.at) / 1000) * this.rate) - this.reserved;
  }

  /** How long to wait for `cost` points. */
  waitFor(cost: number): number {
    const missing = Math.min(cost, this.max) - this.current();
    return missing > 0 ? Math.ceil((missing / this.rate) * 1000) : 0;
  }

  /** Waits for the points of `operation` and holds them; `release` when the answer came. */
  async acquire(operation: string): Promise<number> {
    const cost = this.lastCost.get(operation) ?? 10;
    for (let wait = this.waitFor(cost); wait > 0; wait = this.waitFor(cost)) await this.sleep(wait);
    this.reserved += cost;
    return cost;
  }

  release(operation: string, held: number, cost: QueryCost | undefined): void {
    this.reserved -= held;
    if (!cost) return;
    const { maximumAvailable, currentlyAvailable, restoreRate } = cost.throttleStatus;
    this.max = maximumAvailable;
    this.rate = restoreRate;
    this.available = currentlyAvailable;
    this.at = Date.now();
    if (cost.requestedQueryCost) this.lastCost.set(operation, cost.requestedQueryCost);
  }

  /** After THROTTLED: how long until the bucket holds `requested` points. */
  throttledWait(cost: QueryCost | undefined): number {
    if (!cost) return 1000;
    const { currentlyAvailable, restoreRate } = cost.throttleStatus;
    const requested = cost.requestedQueryCost ?? 10;
    return Math.max(50, Math.ceil(((requested - currentlyAvailable) / restoreRate) * 1000) + 20);
  }
}
