import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { getPluginArchive } from "@/lib/server/services/plugin-archive";

// GET /api/v1/integration/plugin/ - the IGNY8 Connector WordPress plugin as a zip to upload
export const GET = handler(operations.downloadPlugin, async () => {
  return new Response(new Uint8Array(await getPluginArchive()), {
    headers: { "content-type": "application/zip", "content-disposition": 'attachment; filename="igny8-connector.zip"' },
  });
});
