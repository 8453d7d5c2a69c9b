import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getAiSettings, updateAiSettings } from "@/lib/server/services/ai-settings";

// GET /api/v1/settings/ai/ - per provider whether a key is in force and whose, and the defaults
export const GET = handler(operations.getAiSettings, async ({ db, auth }) => getAiSettings(db, auth));

// PUT /api/v1/settings/ai/ - set keys (write-only; "" removes) and defaults of the platform or the account
export const PUT = handler(operations.updateAiSettings, async ({ db, auth, body }) => updateAiSettings(db, auth, body));
