import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getConflictPolicy, setConflictPolicy } from "@/lib/server/services/conflicts";

// GET /api/v1/integration/{id}/conflict_policy/ - the policy and the open conflict count
export const GET = handler(operations.getConflictPolicy, async ({ db, auth, params }) =>
  getConflictPolicy(db, auth.accountId, params.id),
);

// PATCH /api/v1/integration/{id}/conflict_policy/ - manual, igny8_wins, wordpress_wins or newest_wins
export const PATCH = handler(operations.setConflictPolicy, async ({ db, auth, params, body }) =>
  setConflictPolicy(db, auth.accountId, params.id, body.policy),
);
