import type { PgDatabase } from "drizzle-orm/pg-core";

/**
 * Any Drizzle PostgreSQL database or transaction (PGlite, postgres.js). The AI library uses the
 * core query builder only, so it works with or without a relational schema attached.
 */
export type AnyDb = PgDatabase<any, any, any>;
