import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { countUsers, createAccountWithOwner, getMembershipForUser } from "@/db/queries/accounts";
import { getEnv } from "../env";

/**
 * Every user belongs to an account; sign-up creates it with the user as owner. The first user of
 * a fresh install and the addresses in ADMIN_EMAILS are system admins. Idempotent.
 */
export async function ensureAccountForUser(db: Db, params: { userId: string; email: string; name: string }) {
  const existing = await getMembershipForUser(db, { userId: params.userId });
  if (existing) return existing;
  return db.transaction(async (tx) => {
    // Serialise concurrent repairs of one user (the sign-up hook and a first request racing).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${params.userId}))`);
    const again = await getMembershipForUser(tx, { userId: params.userId });
    if (again) return again;
    const isFirstUser = (await countUsers(tx)) === 1;
    const isListedAdmin = getEnv().ADMIN_EMAILS.includes(params.email.toLowerCase());
    await createAccountWithOwner(tx, {
      userId: params.userId,
      accountName: params.name ? `${params.name}'s account` : params.email,
      isSystemAdmin: isFirstUser || isListedAdmin,
    });
    return (await getMembershipForUser(tx, { userId: params.userId }))!;
  });
}
