import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { publishingScheduleQuerySchema } from "@/lib/schemas/publishing";
import { getPublishingSchedule } from "@/lib/server/services/publishing";

// GET /api/v1/sites/{id}/publishing_schedule/?days=14 - the publications the scheduler plans, in order
export const GET = handler({ params: idParamsSchema, query: publishingScheduleQuerySchema }, async ({ db, auth, params, query }) =>
  getPublishingSchedule(db, auth.accountId, params.id, query.days),
);
