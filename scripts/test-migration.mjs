// The migration test: a PostgreSQL database created and filled (a real pull and push against the
// WordPress fixture) by the code of BASE, then migrated by this checkout's migrations and checked
// by test/migration/verify.ts: every item, term, image, conflict and cursor is still there and the
// next incremental pull changes nothing. Needs DATABASE_URL (its server hosts a scratch database)
// and the WP_TEST_* variables; without them it says so and does nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The last commit before the storage became platform-neutral (migrations up to 0011). */
const BASE = "23e22f9a528d080761b79e671f939d8e590f4af0";

const root = path.resolve(import.meta.dirname, "..");
if (!process.env.DATABASE_URL || !process.env.WP_TEST_URL) {
  console.log("DATABASE_URL or WP_TEST_URL is not set: the migration test is skipped.");
  process.exit(0);
}

// A shallow clone may not hold the base commit: fetch the history once, else say why nothing ran.
const hasBase = () => spawnSync("git", ["cat-file", "-e", `${BASE}^{commit}`], { cwd: root }).status === 0;
if (!hasBase()) spawnSync("git", ["fetch", "--quiet", "--unshallow"], { cwd: root, stdio: "ignore" });
if (!hasBase()) {
  console.log(
    `The base commit ${BASE.slice(0, 10)} is not in this clone (shallow, no remote): the migration test is skipped.`,
  );
  process.exit(0);
}

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
  return result;
}

const scratch = `igny8_migration_${process.pid}`;
const server = new URL(process.env.DATABASE_URL);
const scratchUrl = Object.assign(new URL(server), { pathname: `/${scratch}` }).toString();
const adminUrl = Object.assign(new URL(server), { pathname: "/postgres" }).toString();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "igny8-migration-"));
const base = path.join(tmp, "base");
const snapshot = path.join(tmp, "snapshot.json");
const env = {
  ...process.env,
  DATABASE_URL: scratchUrl,
  ENCRYPTION_KEYS: "migration1:" + Buffer.alloc(32, 9).toString("base64"),
  BETTER_AUTH_SECRET: "migration-test-secret-0000000000000000",
  WEBHOOKS_AUTO_INSTALL: "false",
};
const tsx = ["tsx", "--conditions=react-server"];

let failed = false;
try {
  sh("psql", [adminUrl, "-qc", `create database ${scratch}`]);
  sh("git", ["worktree", "add", "--detach", "--quiet", base, BASE], { cwd: root });
  const lock = (dir) => fs.readFileSync(path.join(dir, "package-lock.json"), "utf8");
  if (lock(base) === lock(root)) fs.symlinkSync(path.join(root, "node_modules"), path.join(base, "node_modules"));
  else sh("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: base });

  console.log(`base ${BASE.slice(0, 10)}: migrate, pull, push, conflict`);
  sh("npx", ["tsx", "db/migrate.ts"], { cwd: base, env });
  sh("npx", [...tsx, "test/migration/fill.ts", snapshot], { cwd: base, env });
  console.log("this checkout: migrate, verify");
  sh("npx", ["tsx", "db/migrate.ts"], { cwd: root, env });
  sh("npx", [...tsx, "test/migration/verify.ts", snapshot], { cwd: root, env });
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  spawnSync("git", ["worktree", "remove", "--force", base], { cwd: root, stdio: "ignore" });
  spawnSync("psql", [adminUrl, "-qc", `drop database if exists ${scratch}`], { stdio: "ignore" });
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
