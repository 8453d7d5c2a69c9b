import next from "eslint-config-next";

const serverOnly = {
  patterns: [
    { group: ["@/lib/server/*", "@/lib/server", "@/db/*", "@/db"], message: "Client code and shared schemas must not import server-only modules (lib/server, db)." },
  ],
};

const config = [
  ...next,
  { ignores: [".next/**", "node_modules/**", "wordpress-plugin/**", "dist/**", "test-results/**", "next-env.d.ts"] },
  // The folder tells the boundary: client islands and shared zod schemas never reach the server.
  { files: ["components/**/*.{ts,tsx}", "lib/schemas/**/*.ts", "lib/queries/**/*.ts", "lib/api-client.ts"], rules: { "no-restricted-imports": ["error", serverOnly] } },
];

export default config;
