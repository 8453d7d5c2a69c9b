import { handler } from "@/lib/server/api/handler";
import { usageQuerySchema } from "@/lib/schemas/ai";
import { getAiUsage } from "@/lib/server/services/ai-generate";

// GET /api/v1/ai/usage/?month=YYYY-MM - the account's AI calls and spend in a month (default: this month)
export const GET = handler({ query: usageQuerySchema }, async ({ db, auth, query }) => getAiUsage(db, auth.accountId, query.month));
