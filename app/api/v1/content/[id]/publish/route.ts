import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { publishContent } from "@/lib/server/services/sync/publish-now";

// POST /api/v1/content/{id}/publish/ - push this item to WordPress now; answers its sync state and event
export const POST = handler(operations.publishContent, async ({ db, auth, params }) =>
  publishContent(db, auth.accountId, params.id),
);
