import "server-only";
import { ZipFile } from "yazl";

/** One archive entry: a folder (its path ends with "/", no data) or a file with its bytes. */
export type ZipEntry = { path: string; modifiedAt: Date; data?: Buffer };

/**
 * A ZIP of `entries` (deflated files, folders, UTF-8 names) as WordPress's unzip_file (ZipArchive or
 * PclZip) reads it. yazl compresses with node:zlib's asynchronous streams, so building an archive
 * never holds up the event loop; the same entries give the same bytes.
 */
export function createZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.data) zip.addBuffer(entry.data, entry.path, { mtime: entry.modifiedAt, compressionLevel: 9 });
    else zip.addEmptyDirectory(entry.path.replace(/\/$/, ""), { mtime: entry.modifiedAt });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
