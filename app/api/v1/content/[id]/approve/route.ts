import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { approveContent } from "@/lib/server/services/content-approval";

// POST /api/v1/content/{id}/approve/ - mark the item ready to publish
export const POST = handler(operations.approveContent, async ({ db, auth, params }) =>
  approveContent(db, auth.accountId, params.id),
);
