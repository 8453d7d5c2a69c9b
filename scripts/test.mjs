// npm test: unit and integration tests (Vitest), then the API and browser tests (Playwright)
// against a production build. Runs on the embedded database, or on PostgreSQL when
// DATABASE_URL is set. WordPress-facing tests need WP_TEST_URL, WP_TEST_USERNAME and
// WP_TEST_APP_PASSWORD (see README); without them they are skipped with one line saying so.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

// Nothing here may reach the network: no telemetry, no update checks.
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};
const mode = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "the embedded database";

function run(title, command, args) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

console.log(`Testing on ${mode}.`);
if (!env.WP_TEST_URL) console.log('WP_TEST_URL is not set: WordPress-facing tests are skipped (see README, "Tests").');
if (env.DATABASE_URL) run("Migrate PostgreSQL", "npm", ["run", "--silent", "db:migrate"]);
run("Type check", "npx", ["tsc", "--noEmit"]);
run("Lint (includes the client/server import boundary)", "npx", ["eslint", "--quiet", "."]);
run("Format (Prettier, 120 columns)", "npx", ["prettier", "--check", "--log-level", "warn", "."]);
// What /api/v1/openapi.json serves, linted as OpenAPI 3.1 (redocly.yaml: recommended-strict and examples).
const openapiFile = path.join(os.tmpdir(), `igny8-openapi-${process.pid}.json`);
run("OpenAPI document", "npm", ["run", "--silent", "openapi", "--", openapiFile]);
run("OpenAPI lint", "npx", ["redocly", "lint", "--config", "redocly.yaml", openapiFile]);
if (env.WP_TEST_INFO && hasCommand("php")) {
  // The plugin's own tests run inside the WordPress the other tests use (plugin installed there).
  run("WordPress plugin tests (inside WordPress)", "php", ["wordpress-plugin/tests/run.php", env.WP_TEST_INFO]);
  run("WordPress plugin delivery check", "node", ["wordpress-plugin/tests/e2e-delivery.mjs", env.WP_TEST_INFO]);
} else {
  console.log("WP_TEST_INFO (a fixture info.json) or php is missing: the plugin's in-WordPress tests are skipped.");
}
run("Unit and integration tests", "npx", ["vitest", "run", "--project", "isolated"]);
run("Integration tests on shared WordPress and platform state (one file at a time)", "npx", [
  "vitest",
  "run",
  "--project",
  "shared",
  "--no-file-parallelism",
]);
// A database made by the base commit (a real pull and push), migrated by this checkout, loses nothing.
if (env.DATABASE_URL)
  run("Migration test (PostgreSQL filled by the base commit, then migrated)", "node", ["scripts/test-migration.mjs"]);
if (env.SKIP_BUILD !== "1") run("Production build", "npx", ["next", "build"]);
run("API and browser tests", "npx", ["playwright", "test"]);
