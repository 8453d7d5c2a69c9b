import fs from "node:fs";
import path from "node:path";

/** The renderer's browser bundle, served from our own origin (no CDN: the page works offline). */
const files: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};
const cache = new Map<string, Buffer>();

// GET /docs/api/assets/{file} - swagger-ui-dist's bundle and stylesheet for /docs/api
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const type = files[file];
  if (!type) return new Response("Not found", { status: 404 });
  if (!cache.has(file))
    cache.set(file, fs.readFileSync(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file)));
  return new Response(new Uint8Array(cache.get(file)!), {
    headers: { "content-type": type, "cache-control": "public, max-age=3600" },
  });
}
