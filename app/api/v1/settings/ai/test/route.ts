import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { testAiKey } from "@/lib/server/services/ai-keys";

// POST /api/v1/settings/ai/test/ - test a candidate key, or the stored one (and record the result)
export const POST = handler(operations.testAiKey, async ({ db, auth, body }) => testAiKey(db, auth, body));
