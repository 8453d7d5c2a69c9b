import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { aiUsage, type AiUsage } from "../../db/schema/ai";
import { formatUsd } from "./cost";
import type { AnyDb } from "./db";
import type { AiProviderId } from "./types";

export type RecordUsageParams = {
  accountId: string;
  modelId: string;
  provider: AiProviderId;
  kind: "text" | "image";
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  images?: number;
  /** Exact decimal string from the registry. */
  costUsd: string;
};

/** Adds one call to the account's AI ledger. */
export async function recordUsage(db: AnyDb, params: RecordUsageParams): Promise<AiUsage> {
  const [row] = await db.insert(aiUsage).values(params).returning();
  return row;
}

export type MonthlyUsage = {
  /** First instant of the month (UTC). */
  month: Date;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  images: number;
  costUsd: string;
};

/** Totals of one account for the calendar month (UTC) containing `at`. */
export async function getMonthlyUsage(db: AnyDb, params: { accountId: string; at?: Date }): Promise<MonthlyUsage> {
  const at = params.at ?? new Date();
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  const [totals] = await db
    .select({
      calls: count(),
      inputTokens: sql<string>`coalesce(sum(${aiUsage.inputTokens}), 0)::text`,
      outputTokens: sql<string>`coalesce(sum(${aiUsage.outputTokens}), 0)::text`,
      images: sql<string>`coalesce(sum(${aiUsage.images}), 0)::text`,
      // Summed in PostgreSQL's numeric: exact, no float on the way.
      costUsd: sql<string>`coalesce(sum(${aiUsage.costUsd}), 0)::text`,
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.accountId, params.accountId), gte(aiUsage.createdAt, start), lt(aiUsage.createdAt, end)));
  return {
    month: start,
    calls: Number(totals.calls),
    inputTokens: Number(totals.inputTokens),
    outputTokens: Number(totals.outputTokens),
    images: Number(totals.images),
    costUsd: formatUsd(totals.costUsd),
  };
}
