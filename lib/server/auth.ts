import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { getDb, type Db } from "@/db/client";
import { authAccounts, sessions, users, verifications } from "@/db/tables";
import { getEnv } from "./env";
import { ensureAccountForUser } from "./services/accounts";

function authSecret(): string {
  const env = getEnv();
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error(
      "BETTER_AUTH_SECRET is not set. In production the app refuses to start without it: set BETTER_AUTH_SECRET=$(openssl rand -base64 32).",
    );
  }
  const file = path.resolve(env.DATA_DIR === "memory://" ? ".data" : env.DATA_DIR, "auth.secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** localhost and 127.0.0.1 name the same development server. */
function trustedOrigins(appUrl: string) {
  const url = new URL(appUrl);
  const origins = new Set([url.origin]);
  if (url.hostname === "localhost") origins.add(url.origin.replace("localhost", "127.0.0.1"));
  if (url.hostname === "127.0.0.1") origins.add(url.origin.replace("127.0.0.1", "localhost"));
  return [...origins];
}

function createAuth(db: Db) {
  const env = getEnv();
  const baseURL = env.BETTER_AUTH_URL ?? env.APP_URL;
  return betterAuth({
    appName: "IGNY8",
    baseURL,
    secret: authSecret(),
    trustedOrigins: trustedOrigins(baseURL),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: authAccounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    user: { additionalFields: { isSystemAdmin: { type: "boolean", input: false, defaultValue: false } } },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // Sign-in is limited in our route by a database counter keyed on the email address; the
    // built-in limiter keys on a client-supplied X-Forwarded-For.
    rateLimit: { enabled: false },
    advanced: { database: { generateId: () => crypto.randomUUID() } },
    databaseHooks: {
      user: {
        create: {
          // Runs after the sign-up transaction commits; a failure here is repaired on the next request.
          after: async (user) => {
            await ensureAccountForUser(db, { userId: user.id, email: user.email, name: user.name });
          },
        },
      },
    },
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __igny8Auth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  globalForAuth.__igny8Auth ??= getDb().then(createAuth);
  return globalForAuth.__igny8Auth;
}
