import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { generateText } from "@/lib/server/services/ai-generate";

// POST /api/v1/ai/generate/text/ - text from the default (or given) model, priced and recorded
export const POST = handler(operations.generateText, async ({ db, auth, body }) =>
  generateText(db, auth.accountId, body),
);
