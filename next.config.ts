import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres"],
  // Paths work with and without a trailing slash, without redirects (see proxy.ts).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
