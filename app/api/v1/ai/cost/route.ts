import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { priceAiCall } from "@/lib/server/services/ai-models";

// POST /api/v1/ai/cost/ - exact USD cost of a text call (tokens) or of images (size, quality, n)
export const POST = handler(operations.priceAiCall, async ({ db, body }) => priceAiCall(db, body));
