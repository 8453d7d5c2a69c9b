import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getConflictDetail } from "@/lib/server/services/conflicts";

// GET /api/v1/conflicts/{id}/ - both versions and the base, field by field
export const GET = handler(operations.getConflict, async ({ db, auth, params }) =>
  getConflictDetail(db, auth.accountId, params.id),
);
