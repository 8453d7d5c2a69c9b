import "server-only";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ApiError } from "../api/errors";
import { logError } from "../log";
import { createZip, type ZipEntry } from "../zip";

/** The plugin's folder under wordpress-plugin/, and the one top folder of its zip. */
export const PLUGIN_SLUG = "igny8-connector";
const IGNORED = [/(^|\/)\.DS_Store$/, /~$/, /(^|\/)\.git(\/|$)/];

/** Files and folders of the plugin as archive entries ("igny8-connector/..."), sorted. */
async function listEntries(parent: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  const walk = async (relative: string) => {
    const full = path.join(parent, relative);
    const info = await stat(full);
    if (info.isDirectory()) {
      entries.push({ path: `${relative}/`, modifiedAt: info.mtime });
      for (const name of (await readdir(full)).sort()) {
        const child = `${relative}/${name}`;
        if (!IGNORED.some((re) => re.test(child))) await walk(child);
      }
    } else if (info.isFile()) {
      entries.push({ path: relative, modifiedAt: info.mtime, data: await readFile(full) });
    }
  };
  await walk(PLUGIN_SLUG);
  return entries;
}

/**
 * The zip WordPress installs through Plugins → Add New → Upload: one top folder, igny8-connector/,
 * holding igny8-connector.php and the rest of the plugin folder as it is in the repository.
 */
export async function buildPluginArchive(root = process.cwd()): Promise<Buffer> {
  const entries = await listEntries(path.join(root, "wordpress-plugin"));
  if (!entries.some((e) => e.path === `${PLUGIN_SLUG}/${PLUGIN_SLUG}.php`)) {
    throw new Error(`${PLUGIN_SLUG}/${PLUGIN_SLUG}.php not found under ${root}/wordpress-plugin`);
  }
  return createZip(entries);
}

let archive: Promise<Buffer> | undefined;

/** The plugin zip, built once per process at the first download (every download shares it). */
export function getPluginArchive(): Promise<Buffer> {
  archive ??= buildPluginArchive().catch((error: unknown) => {
    archive = undefined; // tried again at the next download
    logError("building the plugin archive failed", error);
    throw new ApiError("service_unavailable", "The plugin archive could not be built; the server log says why.");
  });
  return archive;
}
