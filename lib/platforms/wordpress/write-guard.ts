import "server-only";
import { z } from "zod";
import { PlatformError } from "@/lib/platforms/types";
import type { WpSite } from "./site";

const EXPECTED_HEADER = "X-IGNY8-Expected-Modified-GMT";

/** WordPress's modified_gmt to the second, in one form ("2026-11-28T02:21:14"). */
export const gmt = (value: string | null | undefined) => (value ? value.slice(0, 19).replace(" ", "T") : null);

/** WordPress refused (plugin, 409 igny8_conflict) or our check found the post changed since the base. */
export function isWriteConflict(error: unknown): error is PlatformError {
  return error instanceof PlatformError && error.code === "conflict" && error.platformCode === "igny8_conflict";
}

/** Whether the plugin refused the write itself (exact), rather than our read just before it. */
export const isExactConflict = (error: PlatformError) =>
  (error.data as { checked_by?: string } | undefined)?.checked_by !== "igny8";

/**
 * What an update must carry so WordPress's copy is never overwritten unseen. With the IGNY8
 * plugin: the expected modified_gmt as a header, which WordPress checks as it writes. Without
 * it: the post's modified_gmt is read now, right before the write, and compared here (a small
 * window remains; the plugin closes it).
 */
export async function writeGuardHeaders(
  site: WpSite,
  target: { route: string; externalId?: string; expectedVersion?: string | null },
): Promise<Record<string, string>> {
  const expected = gmt(target.expectedVersion);
  if (!target.externalId || !expected) return {};
  if (await site.hasPlugin()) return { [EXPECTED_HEADER]: expected };
  const { data } = await site.client.request("GET", `${target.route}/${target.externalId}`, {
    query: { context: "edit", _fields: "id,modified_gmt" },
    schema: z.looseObject({ modified_gmt: z.string().optional() }),
  });
  const current = gmt(data.modified_gmt);
  if (current && current !== expected) {
    throw new PlatformError("conflict", "The post was changed in WordPress since the last sync.", {
      status: 409,
      platformCode: "igny8_conflict",
      data: { modified_gmt: current, expected_modified_gmt: expected, checked_by: "igny8" },
    });
  }
  return {};
}
