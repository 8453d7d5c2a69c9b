import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { ApiError } from "@/lib/server/api/errors";

const ZIP = path.join(process.cwd(), "dist", "igny8-connector.zip");

// GET /api/v1/integration/plugin/ - the IGNY8 Connector WordPress plugin as a zip to upload
export const GET = handler(operations.downloadPlugin, async () => {
  if (!fs.existsSync(ZIP)) {
    const built = spawnSync(process.execPath, [path.join(process.cwd(), "scripts", "plugin-zip.mjs")], { stdio: "ignore" });
    if (built.status !== 0 || !fs.existsSync(ZIP)) throw new ApiError("service_unavailable", "The plugin archive could not be built; run `npm run plugin:zip` on the server.");
  }
  return new Response(new Uint8Array(fs.readFileSync(ZIP)), {
    headers: { "content-type": "application/zip", "content-disposition": 'attachment; filename="igny8-connector.zip"' },
  });
});
