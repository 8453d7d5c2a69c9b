import { accepted, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { requestSync } from "@/lib/server/services/sync/api";

// POST /api/v1/integration/{id}/sync/ - queue a pull, push or both (or answer the run already going)
export const POST = handler(operations.startSync, async ({ db, auth, params, body }) =>
  accepted(await requestSync(db, auth.accountId, params.id, body)),
);
