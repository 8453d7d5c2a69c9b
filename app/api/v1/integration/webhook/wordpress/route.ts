import { getDb } from "@/db/client";
import { ApiError, errorResponse } from "@/lib/server/api/errors";
import { logError } from "@/lib/server/log";
import { receiveWordPressWebhook } from "@/lib/server/services/webhooks/receive";
import { scheduleWebhookProcessing } from "@/lib/jobs/webhooks";

// POST /api/v1/integration/webhook/wordpress/ - signed deliveries from the IGNY8 WordPress plugin.
// Not wrapped: raw body first, signature verified before parsing, then record, enqueue, answer.
export async function POST(req: Request) {
  try {
    const db = await getDb();
    const result = await receiveWordPressWebhook(db, req);
    if (result.integrationId) scheduleWebhookProcessing(result.integrationId);
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    logError("webhook intake failed", error);
    return errorResponse(new ApiError("internal_error", "Something went wrong on our side. It has been logged."));
  }
}
