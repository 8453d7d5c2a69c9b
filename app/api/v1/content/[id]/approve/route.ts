import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { approveContent } from "@/lib/server/services/content";

// POST /api/v1/content/{id}/approve/ - mark the item ready to publish
export const POST = handler({ params: idParamsSchema }, async ({ db, auth, params }) => approveContent(db, auth.accountId, params.id));
