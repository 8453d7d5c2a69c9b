// npm run db:migrate - apply the committed migrations to DATABASE_URL (or the embedded database).
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { closeDb, getDbHandle, migrationsFolder } from "./client";
import { getEnv } from "@/lib/server/env";

async function main() {
  const { DATABASE_URL } = getEnv();
  if (!DATABASE_URL) {
    await getDbHandle(); // the embedded database migrates itself on open
    await closeDb();
    console.log("Embedded database migrated.");
    return;
  }
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  await migrate(drizzle(sql), { migrationsFolder });
  await sql.end();
  console.log("PostgreSQL migrated.");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
