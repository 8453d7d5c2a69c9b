import { getDb } from "@/db/client";
import { getPlatformAdapter, isPlatformId } from "@/lib/platforms/registry";
import { ApiError, errorResponse } from "@/lib/server/api/errors";
import { logError } from "@/lib/server/log";
import { receiveWebhook } from "@/lib/server/services/webhooks/receive";
import { scheduleWebhookProcessing } from "@/lib/jobs/webhooks";

// POST /api/v1/integration/webhook/{platform}/ - signed deliveries from a platform (WordPress: the IGNY8 plugin).
// Not wrapped: raw body first, signature verified before parsing, then record, enqueue, answer.
export async function POST(req: Request, { params }: { params: Promise<{ platform: string }> }) {
  try {
    const { platform } = await params;
    const webhooks = isPlatformId(platform) ? getPlatformAdapter(platform).webhooks : undefined;
    if (!webhooks) throw new ApiError("not_found", `No platform "${platform}" sends webhooks here.`);
    const result = await receiveWebhook(await getDb(), { id: platform, webhooks }, req);
    if (result.integrationId) scheduleWebhookProcessing(result.integrationId);
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    logError("webhook intake failed", error);
    return errorResponse(new ApiError("internal_error", "Something went wrong on our side. It has been logged."));
  }
}
