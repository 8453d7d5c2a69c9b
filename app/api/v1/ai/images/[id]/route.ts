import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getStoredImageResponse } from "@/lib/server/services/ai-generate";

// GET /api/v1/ai/images/{id}/ - a stored image of the account (generated images live here)
export const GET = handler(operations.getStoredImage, async ({ db, auth, params }) =>
  getStoredImageResponse(db, auth.accountId, params.id),
);
