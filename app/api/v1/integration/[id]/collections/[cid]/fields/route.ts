import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { listCollectionFields } from "@/lib/server/services/integration-setup";

// GET /api/v1/integration/{id}/collections/{cid}/fields/ - a collection's fields with their suggested roles
export const GET = handler(operations.listCollectionFields, async ({ db, auth, params }) =>
  listCollectionFields(db, auth.accountId, params.id, params.cid),
);
