import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { editAiModel, getAiModelOr404, toAiModelDto } from "@/lib/server/services/ai-models";

// GET /api/v1/ai/models/{model}/ - one model and its prices
export const GET = handler(operations.getAiModel, async ({ db, params }) =>
  toAiModelDto(await getAiModelOr404(db, params.model)),
);

// PATCH /api/v1/ai/models/{model}/ - a system admin edits prices or the active flag (history kept)
export const PATCH = handler(operations.updateAiModel, async ({ db, auth, params, body }) =>
  editAiModel(db, auth, params.model, body),
);
