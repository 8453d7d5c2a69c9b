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
  // Pages and route handlers read through services (lib/server/services), never query functions.
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/queries", "@/db/queries/*", "**/db/queries/*"],
              message: "Read through lib/server/services, not db/queries.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
