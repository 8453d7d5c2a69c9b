import fs from "node:fs";
import next from "eslint-config-next";

const serverOnly = {
  group: ["@/lib/server/*", "@/lib/server", "@/db/*", "@/db"],
  message: "Client code and shared schemas must not import server-only modules (lib/server, db).",
};

// One folder per platform under lib/platforms (testing/ holds the fake adapter and the contract suite).
const platformFolders = fs
  .readdirSync("lib/platforms", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "testing")
  .map((entry) => entry.name);
const folderPatterns = (names, prefix) => names.flatMap((name) => [`${prefix}${name}`, `${prefix}${name}/**`]);
const platformInternals = {
  group: folderPatterns(platformFolders, "@/lib/platforms/"),
  message: "Outside lib/platforms, a platform is reached through @/lib/platforms/types and /registry only.",
};
// Tests and benchmarks may start a platform's test server (lib/platforms/<id>/testing), and nothing else of it.
const platformInternalsButTesting = {
  regex: `^@/lib/platforms/(${platformFolders.join("|")})(/(?!testing(/|$)).*)?$`,
  message: platformInternals.message,
};
const otherPlatforms = (own) => {
  const others = platformFolders.filter((name) => name !== own);
  const group = [...folderPatterns(others, "@/lib/platforms/"), ...folderPatterns(others, "../")];
  return { group, message: "A platform folder never imports another." };
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...next,
  { ignores: [".next/**", "node_modules/**", "wordpress-plugin/**", "dist/**", "test-results/**", "next-env.d.ts"] },
  // Import cycles hide an order of initialisation; none are allowed (dynamic imports included).
  {
    files: ["**/*.{ts,tsx,mjs}"],
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // The engine and everything else see a platform through its contract only.
  { files: ["**/*.{ts,tsx,mjs}"], ignores: ["lib/platforms/**"], rules: restrict(platformInternals) },
  {
    files: ["**/*.test.ts", "e2e/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    ignores: ["lib/platforms/**"],
    rules: restrict(platformInternalsButTesting),
  },
  ...platformFolders
    .filter(() => platformFolders.length > 1)
    .map((name) => ({ files: [`lib/platforms/${name}/**/*.ts`], rules: restrict(otherPlatforms(name)) })),
  // The fake adapter and the contract suite are platform-neutral too.
  { files: ["lib/platforms/testing/**/*.ts"], rules: restrict(platformInternals) },
  // The folder tells the boundary: client islands and shared zod schemas never reach the server.
  {
    files: ["components/**/*.{ts,tsx}", "lib/schemas/**/*.ts", "lib/queries/**/*.ts", "lib/api-client.ts"],
    rules: restrict(serverOnly, platformInternals),
  },
  // Pages and route handlers read through services (lib/server/services), never query functions.
  // (A later rule replaces an earlier one for the same files, so this one repeats the platform rule.)
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: restrict(platformInternals, {
      group: ["@/db/queries", "@/db/queries/*", "**/db/queries/*"],
      message: "Read through lib/server/services, not db/queries.",
    }),
  },
];

export default config;
