import { created, handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { generateImage } from "@/lib/server/services/ai-generate";

// POST /api/v1/ai/generate/image/ - one image from the default (or given) provider, stored with us
export const POST = handler(operations.generateImage, async ({ db, auth, body }) =>
  created(await generateImage(db, auth.accountId, body)),
);
