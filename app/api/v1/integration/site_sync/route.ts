import { accepted, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { requestSiteSync } from "@/lib/server/services/sync/api";

// POST /api/v1/integration/site_sync/ - one run per active integration of the site
export const POST = handler(operations.startSiteSync, async ({ db, auth, body }) =>
  accepted(await requestSiteSync(db, auth.accountId, body)),
);
