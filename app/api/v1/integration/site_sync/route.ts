import { accepted, handler } from "@/lib/server/api/handler";
import { siteSyncBodySchema } from "@/lib/schemas/sync";
import { requestSiteSync } from "@/lib/server/services/sync/api";

// POST /api/v1/integration/site_sync/ - one run per active integration of the site
export const POST = handler({ body: siteSyncBodySchema }, async ({ db, auth, body }) => accepted(await requestSiteSync(db, auth.accountId, body)));
