// npm test: unit and integration tests (Vitest), then the API and browser tests (Playwright)
// against a production build. Runs on the embedded database, or on PostgreSQL when
// DATABASE_URL is set. WordPress-facing tests need WP_TEST_URL, WP_TEST_USERNAME and
// WP_TEST_APP_PASSWORD (see README); without them they are skipped with one line saying so.
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
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

console.log(`Testing on ${mode}.`);
if (!env.WP_TEST_URL) console.log("WP_TEST_URL is not set: WordPress-facing tests are skipped (see README, \"Tests\").");
run("Type check", "npx", ["tsc", "--noEmit"]);
run("Lint (includes the client/server import boundary)", "npx", ["eslint", "--quiet", "."]);
run("Unit and integration tests", "npx", ["vitest", "run"]);
if (env.DATABASE_URL) run("Migrate PostgreSQL", "npm", ["run", "--silent", "db:migrate"]);
if (env.SKIP_BUILD !== "1") run("Production build", "npx", ["next", "build"]);
run("API and browser tests", "npx", ["playwright", "test"]);
