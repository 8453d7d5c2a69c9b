import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { syncScheduleBodySchema } from "@/lib/schemas/publishing";
import { getSyncSchedule, setSyncSchedule } from "@/lib/server/services/scheduled-sync";

// GET /api/v1/integration/{id}/sync_schedule/ - the scheduled pull's interval and next run
export const GET = handler({ params: idParamsSchema }, async ({ db, auth, params }) => getSyncSchedule(db, auth.accountId, params.id));

// PATCH /api/v1/integration/{id}/sync_schedule/ - {"interval_minutes": 5..1440 | null (off)}
export const PATCH = handler(
  { params: idParamsSchema, body: syncScheduleBodySchema, roles: ["owner", "admin"] },
  async ({ db, auth, params, body }) => setSyncSchedule(db, auth.accountId, params.id, body.interval_minutes),
);
