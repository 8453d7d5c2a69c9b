import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getPublishingSchedule } from "@/lib/server/services/publishing";

// GET /api/v1/sites/{id}/publishing_schedule/?days=14 - the publications the scheduler plans, in order
export const GET = handler(operations.getPublishingSchedule, async ({ db, auth, params, query }) =>
  getPublishingSchedule(db, auth.accountId, params.id, query.days),
);
