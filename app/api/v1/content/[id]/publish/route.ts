import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { publishContent } from "@/lib/server/services/sync/publish-now";

// POST /api/v1/content/{id}/publish/ - push this item to its site's integrations now; answers their states and events
export const POST = handler(operations.publishContent, async ({ db, auth, params, body }) =>
  publishContent(db, auth.accountId, params.id, { integrationIds: body.integration_ids }),
);
