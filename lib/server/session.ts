import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { apiKeys, users } from "@/db/tables";
import type { MemberRole } from "@/db/schema/accounts";
import { getAuth } from "./auth";
import { ensureAccountForUser } from "./services/accounts";

export type AuthContext = {
  userId: string;
  email: string;
  name: string;
  accountId: string;
  role: MemberRole;
  isSystemAdmin: boolean;
  via: "session" | "api_key";
};

export const API_KEY_PREFIX = "igny8_";

export function hashApiKey(key: string) {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** Resolves the caller from a Bearer API key or the session cookie; undefined when neither is valid. */
export async function resolveAuth(headers: Headers): Promise<AuthContext | undefined> {
  const db = await getDb();
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match || !match[1].startsWith(API_KEY_PREFIX)) return undefined;
    return resolveApiKey(db, match[1]);
  }
  let session;
  try {
    session = await (await getAuth()).api.getSession({ headers });
  } catch {
    return undefined; // a malformed cookie is "not signed in", never a 500
  }
  if (!session) return undefined;
  const membership = await ensureAccountForUser(db, {
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
  });
  return {
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    accountId: membership.accountId,
    role: membership.role,
    isSystemAdmin: membership.isSystemAdmin,
    via: "session",
  };
}

async function resolveApiKey(db: Db, key: string): Promise<AuthContext | undefined> {
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId, accountId: apiKeys.accountId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user) return undefined;
  const membership = await ensureAccountForUser(db, { userId: user.id, email: user.email, name: user.name });
  if (membership.accountId !== row.accountId) return undefined; // the user left the key's account
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    accountId: row.accountId,
    role: membership.role,
    isSystemAdmin: user.isSystemAdmin,
    via: "api_key",
  };
}

export const canManage = (auth: AuthContext) => auth.role === "owner" || auth.role === "admin";
