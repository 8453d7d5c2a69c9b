import fs from "node:fs";
import path from "node:path";
import type { Duplex } from "node:stream";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import postgres, { type Sql } from "postgres";
import { startEmbeddedDatabase } from "./embedded";
import * as schema from "./tables";
import { getEnv } from "@/lib/server/env";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction on `Db`: what `db.transaction(fn)` hands to `fn`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What a query function runs on: the database, or a transaction on it. */
export type Executor = Db | Tx;
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
  const sql: Sql = postgres(url, { max: 10, onnotice: () => {} });
  return handleOver(sql, "postgres", () => sql.end({ timeout: 5 }));
}

/** postgres.js over the embedded database's socket: one connection, kept for the process's life. */
function connect(socket: () => Duplex, close: () => Promise<void>): Handle {
  const sql = postgres({
    max: 1,
    socket,
    ssl: false,
    max_lifetime: null,
    idle_timeout: null,
    onnotice: () => {},
  } as never) as Sql;
  return handleOver(sql, "embedded", async () => {
    await sql.end({ timeout: 5 });
    await close();
  });
}

/**
 * `sql` with every drizzle query prepared (PostgreSQL). drizzle runs its queries through `sql.unsafe`, which
 * postgres.js leaves unprepared: each then waits for a describe round trip before it runs and is
 * parsed and planned afresh. Prepared (named and kept per connection, as postgres.js prepares its
 * own queries), a query run before is one round trip and its plan can be reused. Transactions and
 * savepoints hand out the same.
 */
function preparing<T extends object>(sql: T): T {
  type Unsafe = (text: string, params?: unknown[], options?: Record<string, unknown>) => unknown;
  type Scoped = (...args: unknown[]) => unknown;
  return new Proxy(sql, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop === "unsafe")
        return (text: string, params?: unknown[], options?: Record<string, unknown>) =>
          (value as Unsafe)(text, params, { ...options, prepare: true });
      if (prop === "begin" || prop === "savepoint")
        return (...args: unknown[]) => {
          const fn = args.at(-1) as (tx: object) => unknown;
          return (value as Scoped)(...args.slice(0, -1), (tx: object) => fn(preparing(tx)));
        };
      return value;
    },
  });
}

const embeddedDbs = new WeakSet<object>();

/** Whether `db` is the embedded database (no autovacuum: see db/statistics.ts). */
export const isEmbeddedDb = (db: Executor) => embeddedDbs.has(db);

function handleOver(sql: Sql, kind: DbKind, close: () => Promise<void>): Handle {
  // The embedded connection lives as long as the process and would keep every statement it ever
  // prepared in memory WebAssembly never gives back; PostgreSQL's connections are recycled.
  const driver = kind === "postgres" ? preparing(sql) : sql;
  const db = drizzlePostgres(driver, { schema, casing: "snake_case" }) as unknown as Db;
  if (kind === "embedded") embeddedDbs.add(db);
  return {
    db,
    kind,
    query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
    exec: async (text) => {
      const answer = (await sql.unsafe(text).simple()) as unknown as RowList | RowList[];
      // One statement answers its rows; several, a list of them.
      const results = isRowList(answer) ? [answer] : answer;
      return results.map((rows) => ({ rows: [...rows], fields: rows.columns ?? [] }));
    },
    close,
  };
}

type RowList = Array<Record<string, unknown>> & { command?: string; columns?: unknown[] };
const isRowList = (answer: RowList | RowList[]): answer is RowList => typeof (answer as RowList).command === "string";

async function openEmbedded(dataDir: string): Promise<Handle> {
  let releaseLock = () => {};
  let directory: string | null = null;
  if (dataDir !== "memory://") {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = acquireLock(path.join(dir, "pglite.lock"));
    directory = path.join(dir, "pglite");
  }
  try {
    // PostgreSQL's 128 MB of shared buffers become process memory here (WebAssembly never gives it
    // back); 32 MB imports as fast and keeps a 10,000-post pull under 400 MB resident.
    const embedded = await startEmbeddedDatabase({
      dataDir: directory,
      sharedBuffers: process.env.PGLITE_SHARED_BUFFERS ?? "32MB",
    });
    const handle = connect(embedded.socket, async () => {
      await embedded.close();
      releaseLock();
    });
    await migrate(handle.db as never, { migrationsFolder });
    return handle;
  } catch (error) {
    releaseLock();
    throw error;
  }
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
