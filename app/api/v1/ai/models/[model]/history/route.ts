import { handler } from "@/lib/server/api/handler";
import { toPage } from "@/lib/server/api/paginate";
import { paginationQuerySchema } from "@/lib/schemas/common";
import { modelParamsSchema } from "@/lib/schemas/ai";
import { listAiModelHistory } from "@/lib/server/services/ai-models";

// GET /api/v1/ai/models/{model}/history/ - price edits of a model, newest first
export const GET = handler({ params: modelParamsSchema, query: paginationQuerySchema }, async ({ req, db, params, query }) => {
  const rows = await listAiModelHistory(db, params.model);
  const start = (query.page - 1) * query.page_size;
  return toPage(req, query, rows.length, rows.slice(start, start + query.page_size));
});
