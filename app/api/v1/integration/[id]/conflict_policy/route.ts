import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { conflictPolicyBodySchema } from "@/lib/schemas/conflicts";
import { getConflictPolicy, setConflictPolicy } from "@/lib/server/services/conflicts";

// GET /api/v1/integration/{id}/conflict_policy/ - the policy and the open conflict count
export const GET = handler({ params: idParamsSchema }, async ({ db, auth, params }) => getConflictPolicy(db, auth.accountId, params.id));

// PATCH /api/v1/integration/{id}/conflict_policy/ - manual, igny8_wins, wordpress_wins or newest_wins
export const PATCH = handler({ params: idParamsSchema, body: conflictPolicyBodySchema, roles: ["owner", "admin"] }, async ({ db, auth, params, body }) =>
  setConflictPolicy(db, auth.accountId, params.id, body.policy),
);
