import { handler, noContent } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getContentDto, updateContent } from "@/lib/server/services/content";
import { deleteContent } from "@/lib/server/services/content-approval";

// GET /api/v1/content/{id}/ - one item with its terms and latest sync event
export const GET = handler(operations.getContent, async ({ db, auth, params }) =>
  getContentDto(db, auth.accountId, params.id),
);

// PATCH /api/v1/content/{id}/ - edit locally; a synced item becomes "pending" until pushed again
export const PATCH = handler(operations.updateContent, async ({ db, auth, params, body }) =>
  updateContent(db, auth.accountId, params.id, body),
);

// DELETE /api/v1/content/{id}/ - delete here (the WordPress copy stays)
export const DELETE = handler(operations.deleteContent, async ({ db, auth, params }) => {
  await deleteContent(db, auth.accountId, params.id);
  return noContent();
});
