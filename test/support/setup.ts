// Vitest setup: each test worker gets its own in-memory embedded database unless DATABASE_URL
// points at PostgreSQL (then every worker shares it; tests seed their own accounts).
process.env.DATA_DIR ??= "memory://";
process.env.ENCRYPTION_KEYS ??= "test1:" + Buffer.alloc(32, 7).toString("base64");
process.env.BETTER_AUTH_SECRET ??= "test-secret-for-vitest-only-000000000000";
