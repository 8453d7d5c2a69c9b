import "server-only";
import type { Db } from "@/db/client";
import { countHit } from "@/db/queries/rate-limits";
import { executeRows } from "@/db/queries/raw";

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * A fixed-window counter kept in the database, so every web process shares it and a client
 * cannot reset it (no header it sends is part of the key unless TRUST_PROXY says so).
 */
export async function consumeRateLimit(
  db: Db,
  params: { key: string; limit: number; windowSeconds: number },
): Promise<RateLimitResult> {
  const [row] = await executeRows<{ count: number; retry_after: number }>(
    db,
    countHit(params.key, params.windowSeconds),
  );
  return {
    allowed: row.count <= params.limit,
    remaining: Math.max(0, params.limit - row.count),
    retryAfterSeconds: row.retry_after,
  };
}
