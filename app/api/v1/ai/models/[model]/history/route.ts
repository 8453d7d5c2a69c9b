import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listAiModelHistory } from "@/lib/server/services/ai-models";

// GET /api/v1/ai/models/{model}/history/ - price edits of a model, newest first
export const GET = handler(operations.listAiModelHistory, async ({ req, db, params, query }) => {
  const rows = await listAiModelHistory(db, params.model);
  const start = (query.page - 1) * query.page_size;
  return toPage(req, query, rows.length, rows.slice(start, start + query.page_size));
});
