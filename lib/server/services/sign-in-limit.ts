import "server-only";
import type { Db } from "@/db/client";
import { consumeRateLimit } from "../rate-limit";
import { ApiError, errorResponse } from "../api/errors";
import { getEnv } from "../env";

export const SIGN_IN_LIMIT = { perEmail: 10, perClient: 30, windowSeconds: 300 };

/**
 * Limits sign-in attempts per email address (a client cannot change which address it attacks by
 * sending headers) and, behind a trusted proxy, per client address. Returns a 429 response or null.
 */
export async function limitSignIn(db: Db, req: Request): Promise<Response | null> {
  let email = "";
  try {
    const body = (await req.clone().json()) as { email?: unknown };
    if (typeof body.email === "string") email = body.email.trim().toLowerCase();
  } catch {
    return null; // better-auth answers the malformed body itself
  }
  const keys = [{ key: `sign-in:email:${email}`, limit: SIGN_IN_LIMIT.perEmail }];
  const forwarded = req.headers.get("x-forwarded-for");
  if (getEnv().TRUST_PROXY && forwarded) {
    // The proxy appends the real peer last; anything before it is client-supplied.
    const client = forwarded.split(",").pop()!.trim();
    keys.push({ key: `sign-in:client:${client}`, limit: SIGN_IN_LIMIT.perClient });
  }
  for (const { key, limit } of keys) {
    const result = await consumeRateLimit(db, { key, limit, windowSeconds: SIGN_IN_LIMIT.windowSeconds });
    if (!result.allowed) {
      return errorResponse(
        new ApiError("rate_limited", `Too many sign-in attempts. Try again in ${result.retryAfterSeconds} seconds.`, {
          headers: { "Retry-After": String(result.retryAfterSeconds) },
        }),
      );
    }
  }
  return null;
}
