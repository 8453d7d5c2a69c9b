import fs from "node:fs";
import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import * as schema from "./tables";
import { getEnv } from "@/lib/server/env";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = "embedded" | "postgres";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

type Handle = {
  db: Db;
  kind: DbKind;
  /** Runs raw SQL with $1-style parameters (job queue adapter, health checks). */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  /** Runs a script of several statements without parameters; one result per statement. */
  exec: (text: string) => Promise<Array<{ rows: unknown[]; fields: unknown[] }>>;
  close: () => Promise<void>;
};

const globalForDb = globalThis as unknown as { __igny8Db?: Promise<Handle> };

export class DatabaseLockedError extends Error {}

/** The process-wide database: PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR. */
export function getDbHandle(): Promise<Handle> {
  globalForDb.__igny8Db ??= open().catch((error) => {
    globalForDb.__igny8Db = undefined;
    throw error;
  });
  return globalForDb.__igny8Db;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb() {
  const handle = globalForDb.__igny8Db;
  globalForDb.__igny8Db = undefined;
  if (handle) await (await handle).close();
}

async function open(): Promise<Handle> {
  const env = getEnv();
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openEmbedded(env.DATA_DIR);
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const sql: Sql = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(sql, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
    exec: async (text) => [{ rows: [...(await sql.unsafe(text).simple())], fields: [] }],
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openEmbedded(dataDir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  let client: PGlite;
  let releaseLock = () => {};
  if (dataDir === "memory://") {
    client = new PGlite();
  } else {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = acquireLock(path.join(dir, "pglite.lock"));
    // PostgreSQL's 128 MB of shared buffers become process memory here (WebAssembly never gives it
    // back); 32 MB imports as fast and keeps a 10,000-post pull under 400 MB resident.
    const { defaultStartParams } = PGlite as unknown as { defaultStartParams: string[] };
    client = new PGlite(path.join(dir, "pglite"), { startParams: [...defaultStartParams, "-c", `shared_buffers=${process.env.PGLITE_SHARED_BUFFERS ?? "32MB"}`] });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: "embedded",
    query: async (text, params = []) => (await client.query(text, params)).rows as never,
    exec: (text) => client.exec(text),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite does not lock its data directory, and two processes on one directory corrupt it.
 * The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {}
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(file, "utf8"));
      if (owner === process.pid) return () => {};
      if (owner && isAlive(owner)) {
        throw new DatabaseLockedError(
          `The embedded database in ${path.dirname(file)} is in use by process ${owner}. ` +
            `Stop that process, or give this one its own DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.`,
        );
      }
      fs.unlinkSync(file);
    }
  }
  throw new DatabaseLockedError(`Could not lock ${file}`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
