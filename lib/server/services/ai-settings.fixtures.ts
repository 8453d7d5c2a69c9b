import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from "vitest";
import { sql } from "drizzle-orm";
import { createTestTenant } from "@/test/support/db";
import { startAnthropicFake } from "@/test/fakes/anthropic";
import { startBriaFake } from "@/test/fakes/bria";
import { startOpenAiFake } from "@/test/fakes/openai";
import { startRunwareFake } from "@/test/fakes/runware";
import type { FakeServer } from "@/test/fakes/server";
import type { Db } from "@/db/client";
import { ApiError } from "../api/errors";

/**
 * Shared setup of the AI settings tests (ai-settings*.test.ts). `fakes`, `output` and `admin` are
 * set by the hooks below (ES module live bindings).
 */

export const keys = {
  openai: "sk-svc-openai-good-1111",
  anthropic: "sk-ant-svc-good-2222",
  runware: "rw-svc-good-3333",
  bria: "bria-svc-good-4444",
};
export const platformOpenAiKey = "sk-platform-openai-key-5555";
export const noRetries = { maxRetries: 0 };
export let fakes: Record<keyof typeof keys, FakeServer>;
export let output: string[] = [];

/** The provider fakes, and the console captured to prove that no key is ever logged. */
export function setUpProviderFakes() {
  beforeAll(async () => {
    fakes = {
      openai: await startOpenAiFake(keys.openai),
      anthropic: await startAnthropicFake(keys.anthropic),
      runware: await startRunwareFake(keys.runware),
      bria: await startBriaFake(keys.bria),
    };
    process.env.OPENAI_BASE_URL = `${fakes.openai.origin}/v1`;
    process.env.ANTHROPIC_BASE_URL = fakes.anthropic.origin;
    process.env.RUNWARE_BASE_URL = `${fakes.runware.origin}/v1`;
    process.env.BRIA_BASE_URL = `${fakes.bria.origin}/v1`;
  });
  afterAll(async () => {
    await Promise.all(Object.values(fakes ?? {}).map((f) => f.close()));
  });
  beforeEach(() => {
    Object.values(fakes).forEach((f) => f.reset());
    // Everything the code under test prints, to prove no key is ever logged.
    output = [];
    for (const stream of ["log", "warn", "error", "info"] as const) {
      vi.spyOn(console, stream).mockImplementation(
        (...args: unknown[]) => void output.push(args.map(String).join(" ")),
      );
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const key of [...Object.values(keys), platformOpenAiKey]) {
      expect(output.join("\n")).not.toContain(key);
    }
  });
}

export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

/** Every row of every table, as text: what a database dump would contain. */
export async function dumpDatabase(db: Db): Promise<string> {
  const rowsOf = (result: unknown) =>
    Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
  const tables = rowsOf(
    await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  );
  const parts: string[] = [];
  for (const { table_name } of tables as { table_name: string }[]) {
    const rows = rowsOf(await db.execute(sql.raw(`select row_to_json(t)::text as j from "${table_name}" t`)));
    parts.push(...(rows as { j: string }[]).map((r) => r.j));
  }
  return parts.join("\n");
}

// A platform admin (ADMIN_EMAILS, or the first user of a fresh install).
export let admin: Awaited<ReturnType<typeof createTestTenant>>;
export function setUpPlatformAdmin() {
  beforeAll(async () => {
    admin = await createTestTenant("platform-admin", { isSystemAdmin: true });
    expect(admin.auth.isSystemAdmin).toBe(true);
  });
}
