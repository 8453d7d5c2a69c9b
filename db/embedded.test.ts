import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

const opened: Array<{ sql: postgres.Sql; embedded: EmbeddedDatabase }> = [];

async function open(dataDir: string | null = null, ssl: false | "prefer" = false) {
  const embedded = await startEmbeddedDatabase({ dataDir, sharedBuffers: "16MB" });
  const sql = postgres({ max: 1, socket: embedded.socket, ssl, onnotice: () => {} } as never) as postgres.Sql;
  const entry = { sql, embedded };
  opened.push(entry);
  return entry;
}

async function close(entry: { sql: postgres.Sql; embedded: EmbeddedDatabase }) {
  opened.splice(opened.indexOf(entry), 1);
  await entry.sql.end({ timeout: 5 });
  await entry.embedded.close();
}

afterEach(async () => {
  for (const entry of [...opened]) await close(entry);
});

describe("embedded database on its own thread", () => {
  it("keeps the app's event loop running while a statement works", async () => {
    const { sql } = await open();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const [{ n }] = await sql`select count(*)::int as n from generate_series(1, 3000000) g where g % 7 = 0`;
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(n).toBe(428571);
    // A statement run in the app's thread would let no timer fire until it is done.
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 5 / 4));
  });

  it("answers errors, typed values and concurrent statements as PostgreSQL does", async () => {
    const { sql } = await open();
    await sql`create table notes (id serial primary key, body bytea, meta jsonb, title text unique)`;
    await sql`insert into notes (body, meta, title) values (${Buffer.from([1, 2, 3])}, ${sql.json({ a: 1 })}, 'first')`;
    await expect(sql`insert into notes (title) values ('first')`).rejects.toMatchObject({ code: "23505" });
    const [rows, [count]] = await Promise.all([
      sql`select body, meta, title from notes`,
      sql`select count(*)::int as n from notes`,
    ]);
    expect(rows[0]).toEqual({ body: Buffer.from([1, 2, 3]), meta: { a: 1 }, title: "first" });
    expect(count.n).toBe(1);
  });

  it("a connection that ends inside a transaction leaves nothing of it to the next", async () => {
    const entry = await open();
    await entry.sql`create table items (id int primary key)`;
    const reserved = await entry.sql.reserve();
    await reserved`set statement_timeout = '1234ms'`;
    await reserved`begin`;
    await reserved`insert into items values (1)`;
    // The connection goes away without a commit (a crashed request, a killed job).
    await entry.sql.end({ timeout: 0 });
    opened.splice(opened.indexOf(entry), 1);

    const next = postgres({
      max: 1,
      socket: entry.embedded.socket,
      ssl: false,
      onnotice: () => {},
    } as never) as postgres.Sql;
    opened.push({ sql: next, embedded: entry.embedded });
    expect(await next`select count(*)::int as n from items`).toEqual([{ n: 0 }]);
    expect(await next`show statement_timeout`).toEqual([{ statement_timeout: "0" }]);
    await next.begin(async (tx) => tx`insert into items values (2)`);
    expect(await next`select id from items`).toEqual([{ id: 2 }]);
  });

  it("a client asking for encryption is answered in the clear, and a cancel request leaves the connection working", async () => {
    const { sql } = await open(null, "prefer");
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    const slow = sql`select count(*)::int as n from generate_series(1, 2000000)`;
    const cancelled = Promise.allSettled([slow]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    slow.cancel();
    await cancelled;
    expect(await sql`select 2 as two`).toEqual([{ two: 2 }]);
  });

  it("closes once, twice, and after its thread has stopped", async () => {
    const entry = await open();
    await entry.sql.end({ timeout: 5 });
    await entry.embedded.close();
    await entry.embedded.close();
    opened.splice(opened.indexOf(entry), 1);
    const after = postgres({
      max: 1,
      socket: entry.embedded.socket,
      ssl: false,
      onnotice: () => {},
      connect_timeout: 5,
    } as never) as postgres.Sql;
    await expect(after`select 1`).rejects.toThrow("The embedded database is closed.");
    await after.end({ timeout: 1 });
  });

  it("keeps what was written in its directory across a restart", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "igny8-embedded-")), "pglite");
    const first = await open(dir);
    await first.sql`create table kept (v text)`;
    await first.sql`insert into kept values ('still here')`;
    await close(first);

    const second = await open(dir);
    expect(await second.sql`select v from kept`).toEqual([{ v: "still here" }]);
  });
});
