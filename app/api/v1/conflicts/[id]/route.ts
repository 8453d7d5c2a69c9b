import { handler } from "@/lib/server/api/handler";
import { conflictParamsSchema } from "@/lib/schemas/conflicts";
import { getConflictDetail } from "@/lib/server/services/conflicts";

// GET /api/v1/conflicts/{id}/ - both versions and the base, field by field
export const GET = handler({ params: conflictParamsSchema }, async ({ db, auth, params }) => getConflictDetail(db, auth.accountId, params.id));
