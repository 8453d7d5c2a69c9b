import { handler, noContent } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { deleteSite, getSiteOr404, toSiteDto, updateSite } from "@/lib/server/services/sites";

// GET /api/v1/sites/{id}/ - one site
export const GET = handler(operations.getSite, async ({ db, auth, params }) => {
  return toSiteDto(await getSiteOr404(db, auth.accountId, params.id));
});

// PATCH /api/v1/sites/{id}/ - rename or move a site
export const PATCH = handler(operations.updateSite, async ({ db, auth, params, body }) =>
  toSiteDto(await updateSite(db, auth.accountId, params.id, body)),
);

// DELETE /api/v1/sites/{id}/ - remove a site and everything attached to it
export const DELETE = handler(operations.deleteSite, async ({ db, auth, params }) => {
  await deleteSite(db, auth.accountId, params.id);
  return noContent();
});
