// Vitest global setup: bring a PostgreSQL test database (DATABASE_URL) up to the committed
// migrations once per run; the embedded database migrates itself when each worker opens it.
import path from "node:path";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  } finally {
    await sql.end();
  }
}
