import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { verifications } from "@/db/tables";
import { platformIds, type PlatformId } from "@/lib/platforms/types";

/**
 * The `state` of one-click connect: a random token of which only the SHA-256 is stored (a row in
 * `verifications`, the generic single-use token table), bound to the user, account, site and
 * platform, and deleted on first use. A tampered, replayed or foreign state finds no row.
 */

/** What a state stands for. Rows from before OAuth carry no platform: they are WordPress's. */
export type StatePayload = {
  userId: string;
  accountId: string;
  siteId: string;
  siteUrl: string;
  platform?: PlatformId;
};

/** How long the link works: WordPress's approval as before (15 minutes), OAuth's 10. */
export const stateTtlMs = (kind: "oauth" | "app-password" | "none") => (kind === "oauth" ? 10 : 15) * 60 * 1000;

const identifierOf = (platform: PlatformId) => `${platform}-connect`;
const IDENTIFIERS = platformIds.map(identifierOf);
const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

/** A fresh state (43 URL-safe characters). */
export const newState = () => randomBytes(32).toString("base64url");

/** Stores a state until `expiresAt`, dropping this platform's expired ones. */
export async function saveState(
  db: Db,
  state: string,
  payload: StatePayload & { platform: PlatformId },
  expiresAt: Date,
): Promise<void> {
  const identifier = identifierOf(payload.platform);
  await db
    .delete(verifications)
    .where(and(eq(verifications.identifier, identifier), lt(verifications.expiresAt, new Date())));
  await db
    .insert(verifications)
    .values({ id: hashState(state), identifier, value: JSON.stringify(payload), expiresAt });
}

/** Finds and deletes a state in one statement: the second use of the same state finds nothing. */
export async function consumeState(
  db: Db,
  state: string,
): Promise<{ payload: StatePayload & { platform: PlatformId }; expiresAt: Date } | undefined> {
  const [row] = await db
    .delete(verifications)
    .where(and(eq(verifications.id, hashState(state)), inArray(verifications.identifier, IDENTIFIERS)))
    .returning();
  if (!row) return undefined;
  const payload = JSON.parse(row.value) as StatePayload;
  return { payload: { ...payload, platform: payload.platform ?? "wordpress" }, expiresAt: row.expiresAt };
}
