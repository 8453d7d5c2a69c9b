import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { listCollections } from "@/lib/server/services/integration-setup";

// GET /api/v1/integration/{id}/collections/ - the collections the integration can publish to (Webflow)
export const GET = handler(operations.listCollections, async ({ db, auth, params }) =>
  listCollections(db, auth.accountId, params.id),
);
