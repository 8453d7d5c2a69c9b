// npm run plugin:zip - writes dist/igny8-connector.zip from wordpress-plugin/igny8-connector/: the
// archive WordPress installs through Plugins → Add New → Upload, the same one the download serves.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildPluginArchive, PLUGIN_SLUG } from "@/lib/server/services/plugin-archive";

async function main() {
  const out = path.join(process.cwd(), "dist", `${PLUGIN_SLUG}.zip`);
  const zip = await buildPluginArchive();
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, zip);
  console.log(`${path.relative(process.cwd(), out)}: ${zip.length} bytes`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
