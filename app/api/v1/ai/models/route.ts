import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { toPage } from "@/lib/server/api/paginate";
import { listAiModels } from "@/lib/server/services/ai-models";

// GET /api/v1/ai/models/?type=&provider= - the Model Registry
export const GET = handler(operations.listAiModels, async ({ req, db, query }) => {
  const models = await listAiModels(db, {
    type: query.type,
    provider: query.provider,
    includeInactive: query.include_inactive === "true",
  });
  const start = (query.page - 1) * query.page_size;
  return toPage(req, query, models.length, models.slice(start, start + query.page_size));
});
