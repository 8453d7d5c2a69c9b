import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getAiUsage } from "@/lib/server/services/ai-generate";

// GET /api/v1/ai/usage/?month=YYYY-MM - the account's AI calls and spend in a month (default: this month)
export const GET = handler(operations.getAiUsage, async ({ db, auth, query }) =>
  getAiUsage(db, auth.accountId, query.month),
);
