import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listAiModelHistory } from "@/lib/server/services/ai-models";

// GET /api/v1/ai/models/{model}/history/ - price edits of a model, newest first
export const GET = handler(operations.listAiModelHistory, async ({ req, db, params, query }) => {
  const { count, results } = await listAiModelHistory(db, params.model, query);
  return toPage(req, query, count, results);
});
