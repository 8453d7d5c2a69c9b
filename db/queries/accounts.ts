import { and, count, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { accounts, memberships, users } from "../tables";
import type { MemberRole } from "../schema/accounts";

export async function getMembershipForUser(db: Executor, params: { userId: string }) {
  const [row] = await db
    .select({
      accountId: memberships.accountId,
      role: memberships.role,
      isSystemAdmin: users.isSystemAdmin,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, params.userId))
    .orderBy(memberships.createdAt)
    .limit(1);
  return row;
}

export async function createAccountWithOwner(
  db: Executor,
  params: { userId: string; accountName: string; isSystemAdmin: boolean },
) {
  return db.transaction(async (tx) => {
    const [account] = await tx.insert(accounts).values({ name: params.accountName }).returning();
    await tx
      .insert(memberships)
      .values({ accountId: account.id, userId: params.userId, role: "owner" satisfies MemberRole });
    if (params.isSystemAdmin) await tx.update(users).set({ isSystemAdmin: true }).where(eq(users.id, params.userId));
    return account;
  });
}

export async function countUsers(db: Executor) {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}

export async function getAccount(db: Executor, params: { accountId: string }) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, params.accountId)));
  return row;
}
