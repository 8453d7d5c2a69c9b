import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { crc32, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/integration/plugin/route";
import { createTestTenant } from "@/test/support/db";

/** The files of a zip by name, read through its central directory; every CRC and size checked. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const files = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const [crc, packed, size] = [zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24)];
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + packed);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect([data.length, crc32(data)], name).toEqual([size, crc]);
    files.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

describe("the plugin download", () => {
  it("answers two concurrent downloads with one valid zip of the plugin folder, the event loop free", async () => {
    const { apiKey } = await createTestTenant("plugin");
    const download = async () => {
      const headers = { authorization: `Bearer ${apiKey}` };
      const req = new Request("http://test/api/v1/integration/plugin/", { headers });
      const res = await GET(req, { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/zip");
      return Buffer.from(await res.arrayBuffer());
    };
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const [a, b] = await Promise.all([download(), download()]).finally(() => clearInterval(timer));
    // A timer due every 5 ms kept firing while the archive was built (spawnSync held it for 100 ms and more).
    expect(longest).toBeLessThan(60);
    expect(a.equals(b)).toBe(true);

    const files = readZip(a);
    const main = "igny8-connector/igny8-connector.php";
    expect(files.get(main)?.toString()).toBe(readFileSync(path.join("wordpress-plugin", main), "utf8"));
    expect(files.get(main)?.toString()).toContain("Plugin Name:");
    // One top folder, as WordPress's upload expects; every file of the plugin folder is in it.
    expect([...files.keys()].every((name) => name.startsWith("igny8-connector/"))).toBe(true);
    const { stdout } = await promisify(execFile)("git", ["ls-files", "wordpress-plugin/igny8-connector"]);
    const tracked = stdout
      .trim()
      .split("\n")
      .map((f) => f.replace(/^wordpress-plugin\//, ""));
    expect([...files.keys()].filter((name) => !name.endsWith("/")).sort()).toEqual(tracked.sort());

    // Info-ZIP's own check, where it is installed.
    const file = path.join(os.tmpdir(), `igny8-plugin-${process.pid}.zip`);
    writeFileSync(file, a);
    const checked = await promisify(execFile)("unzip", ["-t", file]).catch((error: { code?: string }) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (checked) expect(checked.stdout).toContain("No errors detected");
  });
});
