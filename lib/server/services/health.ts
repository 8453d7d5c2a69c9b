import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getDbHandle, migrationsFolder } from "@/db/client";
import type { Health } from "@/lib/schemas/health";

export type { Health };

export async function checkHealth(): Promise<Health> {
  try {
    const handle = await getDbHandle();
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    let applied = 0;
    try {
      const rows = await handle.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
      applied = Number(rows[0]?.n ?? 0);
    } catch {
      applied = 0;
    }
    const migrations = applied >= journal.entries.length ? "current" : "pending";
    return {
      status: migrations === "current" ? "ok" : "error",
      database: handle.kind,
      migrations,
      ...(migrations === "pending" ? { reason: "Database migrations are pending: run `npm run db:migrate`." } : {}),
    };
  } catch (error) {
    return {
      status: "error",
      database: "unreachable",
      migrations: "unknown",
      reason: `Database unreachable: ${(error as Error).message}`,
    };
  }
}
