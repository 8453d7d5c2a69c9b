import { handler, noContent } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { updateContentBodySchema } from "@/lib/schemas/content";
import { deleteContent, getContentDto, updateContent } from "@/lib/server/services/content";

// GET /api/v1/content/{id}/ - one item with its terms and latest sync event
export const GET = handler({ params: idParamsSchema }, async ({ db, auth, params }) => getContentDto(db, auth.accountId, params.id));

// PATCH /api/v1/content/{id}/ - edit locally; a synced item becomes "pending" until pushed again
export const PATCH = handler({ params: idParamsSchema, body: updateContentBodySchema }, async ({ db, auth, params, body }) =>
  updateContent(db, auth.accountId, params.id, body),
);

// DELETE /api/v1/content/{id}/ - delete here (the WordPress copy stays)
export const DELETE = handler({ params: idParamsSchema }, async ({ db, auth, params }) => {
  await deleteContent(db, auth.accountId, params.id);
  return noContent();
});
