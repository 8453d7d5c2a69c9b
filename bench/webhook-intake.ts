// Webhook intake benchmark: real PostgreSQL, the production server, signed deliveries over HTTP.
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --conditions=react-server bench/webhook-intake.ts
// Sends for DURATION_S seconds at CONCURRENCY: 60 % new valid deliveries, 30 % repeats of
// earlier ones, 10 % bad signatures; then checks that exactly the valid unique events were recorded.
// The server enqueues processing as in production but leaves the work to workers (JOBS_IN_WEB=false).
// BENCH_SERVER_NODE_ARGS passes flags to the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { Pool } from "undici";

const DURATION_S = Number(process.env.DURATION_S ?? 30);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 48);
const INTEGRATIONS = Number(process.env.INTEGRATIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A server left on the port from an earlier run would answer instead of ours. */
async function assertPortFree(port: number) {
  const busy = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
  });
  if (busy) {
    console.error(`Port ${port} is in use; stop what listens there or set BENCH_PORT.`);
    process.exit(1);
  }
}

async function main() {
  await assertPortFree(PORT);
  const dbName = `igny8_bench_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.ENCRYPTION_KEYS = `bench:${crypto.randomBytes(32).toString("base64")}`;

  const { getDb, closeDb } = await import("@/db/client");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { accounts, sites, siteIntegrations, webhookReceipts } = await import("@/db/tables");
  const { generateWebhookSecret, sealWebhookSecret } = await import("@/lib/server/services/webhooks/secrets");
  const { count } = await import("drizzle-orm");

  const migrator = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await migrate(drizzle(migrator), { migrationsFolder: "db/migrations" });
  await migrator.end();
  const db = await getDb();
  const [account] = await db.insert(accounts).values({ name: "bench" }).returning();
  const targets: { id: string; siteUrl: string; hook: Webhook }[] = [];
  for (let i = 0; i < INTEGRATIONS; i++) {
    const siteUrl = `https://site${i}.example.com`;
    const [site] = await db
      .insert(sites)
      .values({ accountId: account.id, name: `s${i}`, url: siteUrl })
      .returning();
    const id = crypto.randomUUID();
    const secret = generateWebhookSecret();
    await db.insert(siteIntegrations).values({
      id,
      accountId: account.id,
      siteId: site.id,
      externalSiteUrl: siteUrl,
      webhookSecret: sealWebhookSecret({ id, accountId: account.id }, secret),
    });
    targets.push({ id, siteUrl, hook: new Webhook(secret) });
  }

  // Its own process group, so that stopping it stops every process it started.
  const server = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(PORT),
      "-H",
      "127.0.0.1",
    ],
    {
      env: {
        ...process.env,
        BETTER_AUTH_SECRET: "bench-secret-000000000000000000000000",
        NODE_ENV: "production",
        JOBS_IN_WEB: "false",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    },
  );
  const stopServer = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stopServer);
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }

  // undici's pool directly: the sender's own overhead stays small next to the server's.
  const pool = new Pool(base, { connections: CONCURRENCY, pipelining: 1 });
  const sent: { target: (typeof targets)[number]; id: string; body: string }[] = [];
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const uniqueAccepted = new Set<string>();
  let bad = 0;
  const deadline = Date.now() + DURATION_S * 1000;

  async function one() {
    const roll = Math.random();
    let target, id, body;
    if (roll < 0.3 && sent.length > 0) {
      ({ target, id, body } = sent[Math.floor(Math.random() * sent.length)]);
    } else {
      target = targets[Math.floor(Math.random() * targets.length)];
      id = `evt_${crypto.randomUUID()}`;
      body = JSON.stringify({
        action: "post_updated",
        post_id: 1 + Math.floor(Math.random() * 1000),
        post_type: "post",
        site_url: target.siteUrl,
        event_id: id,
        status: "publish",
      });
    }
    const timestamp = new Date();
    const isBad = roll > 0.9;
    const signature = isBad ? "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" : target.hook.sign(id, timestamp, body);
    const started = performance.now();
    const res = await pool.request({
      method: "POST",
      path: `/api/v1/integration/webhook/wordpress/?integration=${target.id}`,
      body,
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "webhook-signature": signature,
      },
    });
    await res.body.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (isBad) bad++;
    else if (res.statusCode === 202) {
      uniqueAccepted.add(`${target.id}:${id}`);
      sent.push({ target, id, body });
    }
  }

  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  const elapsed = (Date.now() - started) / 1000;

  const [{ n }] = await db.select({ n: count() }).from(webhookReceipts);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  const total = latencies.length;
  console.log(
    `webhook intake, PostgreSQL, ${CONCURRENCY} concurrent senders, ${INTEGRATIONS} integrations, ${elapsed.toFixed(1)} s`,
  );
  console.log(
    `  deliveries: ${total} (${(total / elapsed).toFixed(0)}/s); statuses: ${[...statuses].map(([s, c]) => `${s}×${c}`).join(" ")}; bad signatures sent: ${bad}`,
  );
  console.log(`  valid signed deliveries: ${((total - bad) / elapsed).toFixed(0)}/s (target >= 500/s)`);
  console.log(
    `  latency ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${latencies[total - 1].toFixed(1)} (target p99 < 200)`,
  );
  console.log(
    `  recorded receipts: ${n}; unique valid deliveries accepted: ${uniqueAccepted.size}; ${Number(n) === uniqueAccepted.size ? "exact" : "MISMATCH"}`,
  );

  stopServer();
  await pool.close();
  await closeDb();
  await new Promise((r) => setTimeout(r, 1000));
  await admin.unsafe(`drop database ${dbName} with (force)`);
  await admin.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
