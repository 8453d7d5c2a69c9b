import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { createDestination, listDestinations } from "@/lib/server/services/integration-destinations";

// GET /api/v1/integration/{id}/destinations/ - the places the integration can publish to (a Shopify store's blogs)
export const GET = handler(operations.listDestinations, async ({ db, auth, params }) =>
  listDestinations(db, auth.accountId, params.id),
);

// POST /api/v1/integration/{id}/destinations/ - create one (a blog); choosing it is a PATCH of config_json
export const POST = handler(operations.createDestination, async ({ db, auth, params, body }) =>
  created(await createDestination(db, auth.accountId, params.id, body)),
);
