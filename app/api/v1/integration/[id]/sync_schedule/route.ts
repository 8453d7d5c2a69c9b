import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getSyncSchedule, setSyncSchedule } from "@/lib/server/services/scheduled-sync";

// GET /api/v1/integration/{id}/sync_schedule/ - the scheduled pull's interval and next run
export const GET = handler(operations.getSyncSchedule, async ({ db, auth, params }) =>
  getSyncSchedule(db, auth.accountId, params.id),
);

// PATCH /api/v1/integration/{id}/sync_schedule/ - {"interval_minutes": 5..1440 | null (off)}
export const PATCH = handler(operations.setSyncSchedule, async ({ db, auth, params, body }) =>
  setSyncSchedule(db, auth.accountId, params.id, body.interval_minutes),
);
