import { handler } from "@/lib/server/api/handler";
import { idParamsSchema } from "@/lib/schemas/common";
import { patchPublishingSettingsBodySchema, putPublishingSettingsBodySchema } from "@/lib/schemas/publishing";
import { getPublishingSettingsDto, savePublishingSettings } from "@/lib/server/services/publishing";

// GET /api/v1/sites/{id}/publishing_settings/ - the site's publishing settings (created with the defaults on first read)
export const GET = handler({ params: idParamsSchema }, async ({ db, auth, params }) => getPublishingSettingsDto(db, auth.accountId, params.id));

// PUT /api/v1/sites/{id}/publishing_settings/ - replace every setting
export const PUT = handler(
  { params: idParamsSchema, body: putPublishingSettingsBodySchema, roles: ["owner", "admin"] },
  async ({ db, auth, params, body }) => savePublishingSettings(db, auth.accountId, params.id, body),
);

// PATCH /api/v1/sites/{id}/publishing_settings/ - change some settings
export const PATCH = handler(
  { params: idParamsSchema, body: patchPublishingSettingsBodySchema, roles: ["owner", "admin"] },
  async ({ db, auth, params, body }) => savePublishingSettings(db, auth.accountId, params.id, body),
);
