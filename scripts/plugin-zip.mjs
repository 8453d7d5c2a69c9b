// npm run plugin:zip - builds dist/igny8-connector.zip from wordpress-plugin/igny8-connector/,
// the archive WordPress installs through Plugins → Add New → Upload (one top folder).
// Uses the system `zip` when present; otherwise (or with PLUGIN_ZIP_WRITER=node) a small
// built-in writer (deflate from node:zlib, CRC-32 computed here). No dependency either way.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pluginParent = join(root, "wordpress-plugin");
const slug = "igny8-connector";
const out = join(root, "dist", `${slug}.zip`);
const IGNORED = [/(^|\/)\.DS_Store$/, /~$/, /(^|\/)\.git(\/|$)/];

/** Files and folders under the plugin folder, as archive paths ("igny8-connector/..."), sorted. */
function listEntries() {
  const entries = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const path = relative(pluginParent, full).split(sep).join("/");
      if (IGNORED.some((re) => re.test(path))) continue;
      const stat = statSync(full);
      if (stat.isDirectory()) {
        entries.push({ path: `${path}/`, full, stat, isDir: true });
        walk(full);
      } else if (stat.isFile()) {
        entries.push({ path, full, stat, isDir: false });
      }
    }
  };
  entries.push({ path: `${slug}/`, full: join(pluginParent, slug), stat: statSync(join(pluginParent, slug)), isDir: true });
  walk(join(pluginParent, slug));
  return entries;
}

function hasSystemZip() {
  return process.env.PLUGIN_ZIP_WRITER !== "node" && spawnSync("zip", ["-v"], { stdio: "ignore" }).status === 0;
}

function buildWithSystemZip() {
  const excludes = ["*.DS_Store", "*~", "*/.git/*"];
  execFileSync("zip", ["-r", "-X", "-q", out, slug, "-x", ...excludes], { cwd: pluginParent, stdio: "inherit" });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time fields (local time, 2-second resolution, from 1980). */
function dosDateTime(date) {
  const year = Math.max(date.getFullYear(), 1980);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** A minimal ZIP (PKWARE APPNOTE 4.3): deflated files, stored folders, UTF-8 names, no ZIP64. */
function buildWithNodeWriter(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, "utf8");
    const data = entry.isDir ? Buffer.alloc(0) : readFileSync(entry.full);
    const compressed = entry.isDir ? data : deflateRawSync(data, { level: 9 });
    const method = entry.isDir ? 0 : 8;
    const crc = crc32(data);
    const { time, date } = dosDateTime(entry.stat.mtime);
    const flags = 0x0800; // names are UTF-8

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((((entry.isDir ? 0o40755 : 0o100644) << 16) | (entry.isDir ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(out, Buffer.concat([...locals, ...centrals, end]));
}

const entries = listEntries();
if (!entries.some((e) => e.path === `${slug}/${slug}.php`)) {
  console.error(`plugin-zip: ${slug}/${slug}.php not found under wordpress-plugin/`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true }); // zip would otherwise update an old archive in place
const useSystem = hasSystemZip();
if (useSystem) buildWithSystemZip();
else buildWithNodeWriter(entries);
const files = entries.filter((e) => !e.isDir).length;
console.log(`${relative(root, out)}: ${files} files, ${statSync(out).size} bytes (${useSystem ? "system zip" : "built-in writer"})`);
