import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getPublishingSettingsDto, savePublishingSettings } from "@/lib/server/services/publishing";

// GET /api/v1/sites/{id}/publishing_settings/ - the site's publishing settings (created with the defaults on first read)
export const GET = handler(operations.getPublishingSettings, async ({ db, auth, params }) =>
  getPublishingSettingsDto(db, auth.accountId, params.id),
);

// PUT /api/v1/sites/{id}/publishing_settings/ - replace every setting
export const PUT = handler(operations.replacePublishingSettings, async ({ db, auth, params, body }) =>
  savePublishingSettings(db, auth.accountId, params.id, body),
);

// PATCH /api/v1/sites/{id}/publishing_settings/ - change some settings
export const PATCH = handler(operations.updatePublishingSettings, async ({ db, auth, params, body }) =>
  savePublishingSettings(db, auth.accountId, params.id, body),
);
