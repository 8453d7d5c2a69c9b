import { created, handler } from "@/lib/server/api/handler";
import { generateImageBodySchema } from "@/lib/schemas/ai";
import { generateImage } from "@/lib/server/services/ai-generate";

// POST /api/v1/ai/generate/image/ - one image from the default (or given) provider, stored with us
export const POST = handler({ body: generateImageBodySchema }, async ({ db, auth, body }) => created(await generateImage(db, auth.accountId, body)));
