import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

const migrationsFolder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** A real PostgreSQL (PGlite, in memory) with every committed migration applied. */
export async function createTestDb() {
  const client = new PGlite();
  // Same casing as db/client.ts: other tables declare camelCase columns without SQL names.
  const db = drizzle(client, { casing: "snake_case" });
  await migrate(db, { migrationsFolder });
  return { db, client, close: () => client.close() };
}
