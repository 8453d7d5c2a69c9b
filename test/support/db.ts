import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/tables";
import { getAuth } from "@/lib/server/auth";
import { ensureAccountForUser } from "@/lib/server/services/accounts";
import { createApiKey } from "@/lib/server/services/api-keys";
import type { AuthContext } from "@/lib/server/session";

/**
 * A fresh user with its own account (tests never share tenants). `isSystemAdmin` makes the user a
 * platform admin, as ADMIN_EMAILS or being the first user of a fresh install would.
 */
export async function createTestTenant(label = "t", options: { isSystemAdmin?: boolean } = {}) {
  const db = await getDb();
  const auth = await getAuth();
  const email = `${label}-${crypto.randomUUID()}@example.test`;
  const { user } = await auth.api.signUpEmail({ body: { email, password: "correct horse battery", name: label } });
  const membership = await ensureAccountForUser(db, { userId: user.id, email, name: label });
  if (options.isSystemAdmin) {
    await db.update(users).set({ isSystemAdmin: true }).where(eq(users.id, user.id));
    membership.isSystemAdmin = true;
  }
  const ctx: AuthContext = {
    userId: user.id,
    email,
    name: label,
    accountId: membership.accountId,
    role: membership.role,
    isSystemAdmin: membership.isSystemAdmin,
    via: "api_key",
  };
  const { key } = await createApiKey(db, ctx, "test");
  return { db, auth: ctx, apiKey: key };
}
