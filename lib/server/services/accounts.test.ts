import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/tables";
import { createTestDb } from "@/test/fakes/database";
import { resetEnvCache } from "../env";
import { ensureAccountForUser } from "./accounts";

async function addUser(db: Db, email: string) {
  const id = crypto.randomUUID();
  await db.insert(users).values({ id, email, name: email.split("@")[0] });
  return { userId: id, email, name: email.split("@")[0] };
}

describe("accounts on a fresh install", () => {
  afterEach(() => {
    delete process.env.ADMIN_EMAILS;
    resetEnvCache();
  });

  it("gives every user an account they own; the first user and ADMIN_EMAILS are system admins", async () => {
    process.env.ADMIN_EMAILS = "Ops@Example.com";
    resetEnvCache();
    const db = (await createTestDb()).db as unknown as Db;
    const first = await ensureAccountForUser(db, await addUser(db, "founder@example.com"));
    const second = await ensureAccountForUser(db, await addUser(db, "writer@example.com"));
    const listed = await ensureAccountForUser(db, await addUser(db, "ops@example.com"));
    expect(first).toMatchObject({ role: "owner", isSystemAdmin: true });
    expect(second).toMatchObject({ role: "owner", isSystemAdmin: false });
    expect(listed).toMatchObject({ role: "owner", isSystemAdmin: true });
    expect(new Set([first.accountId, second.accountId, listed.accountId]).size).toBe(3);
  });

  it("is idempotent: asking again returns the same account", async () => {
    const db = (await createTestDb()).db as unknown as Db;
    const user = await addUser(db, "again@example.com");
    const [a, b] = await Promise.all([ensureAccountForUser(db, user), ensureAccountForUser(db, user)]);
    expect(a.accountId).toBe(b.accountId);
  });
});
