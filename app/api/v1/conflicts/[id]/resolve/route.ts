import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { resolveConflict } from "@/lib/server/services/conflicts";

// POST /api/v1/conflicts/{id}/resolve/ - keep igny8's, wordpress's or a merged version on both sides
export const POST = handler(operations.resolveConflict, async ({ db, auth, params, body }) =>
  resolveConflict(db, auth.accountId, params.id, body),
);
