import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Tests that share state outside their own tenant: the test WordPress (its posts, terms and the
 * one IGNY8 plugin configuration), the platform-wide AI settings row and model prices, and
 * PostgreSQL worker processes. `npm test` runs them one file at a time (project "shared");
 * everything else runs in parallel (project "isolated").
 */
export const sharedStateTests = [
  "lib/jobs/worker*.test.ts",
  "lib/platforms/wordpress/**/*.test.ts",
  "lib/platforms/ghost/**/*.test.ts",
  "lib/server/services/ai-generate.test.ts",
  "lib/server/services/ai-settings*.test.ts",
  "lib/server/services/integrations*.test.ts",
  "lib/server/services/one-click.test.ts",
  "lib/server/services/publishing-tick.test.ts",
  "lib/server/services/scheduled-sync.test.ts",
  "lib/server/services/conflicts*.test.ts",
  "lib/server/services/sync/**/*.test.ts",
  "lib/server/services/webhooks/*.wordpress.test.ts",
  "lib/server/services/webhooks/*.ghost.test.ts",
];

const exclude = ["node_modules/**", "e2e/**", ".next/**", "wordpress-plugin/**"];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // Next.js resolves "server-only" to an empty module on the server; tests are server code.
      { find: /^server-only$/, replacement: `${root}test/support/empty.ts` },
    ],
  },
  test: {
    setupFiles: ["test/support/setup.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "isolated", include: ["**/*.test.ts"], exclude: [...exclude, ...sharedStateTests] },
      },
      { extends: true, test: { name: "shared", include: sharedStateTests, exclude } },
    ],
  },
});
