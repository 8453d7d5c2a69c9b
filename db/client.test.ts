import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDbHandle } from "./client";
import { memberships, users } from "./tables";
import { createTestTenant } from "@/test/support/db";
import { checkHealth } from "@/lib/server/services/health";

describe("database", () => {
  it("is migrated from empty and reports current migrations", async () => {
    const handle = await getDbHandle();
    const tables = await handle.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    const names = tables.map((t) => t.table_name);
    for (const t of [
      "accounts",
      "users",
      "sessions",
      "sites",
      "content",
      "content_taxonomies",
      "images",
      "site_integrations",
      "sync_events",
      "publishing_settings",
    ]) {
      expect(names).toContain(t);
    }
    expect(await checkHealth()).toMatchObject({
      status: "ok",
      migrations: "current",
      database: process.env.DATABASE_URL ? "postgres" : "embedded",
    });
  });

  it("sign-up creates the user and an account the user owns", async () => {
    const { db, auth } = await createTestTenant("signup");
    const [user] = await db.select().from(users).where(eq(users.id, auth.userId));
    expect(user.email).toBe(auth.email);
    const rows = await db.select().from(memberships).where(eq(memberships.userId, auth.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ accountId: auth.accountId, role: "owner" });
  });
});
