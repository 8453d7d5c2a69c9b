import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { publishContent } from "@/lib/server/services/sync/publish-now";

// POST /api/v1/content/{id}/publish/ - push this item to WordPress now; answers its sync state and event
export const POST = handler({ params: idParamsSchema }, async ({ db, auth, params }) => publishContent(db, auth.accountId, params.id));
