import "server-only";
import PgBoss from "pg-boss";
import { getDbHandle } from "@/db/client";
import { getEnv } from "@/lib/server/env";
import { logError, logInfo } from "@/lib/server/log";
import { bossDbOverHandle } from "./pglite-db";

/**
 * The job queue: pg-boss on PostgreSQL when DATABASE_URL is set (web processes enqueue, any
 * number of `npm run worker` processes share the work with SKIP LOCKED), or pg-boss in-process
 * on the embedded database. Payloads are ids only; handlers reload what they need.
 */

/** What enqueueing a job needs: its name and send options (services hold these, not the handler). */
export type JobRef<T extends object> = {
  name: string;
  send: PgBoss.SendOptions;
  /** Only carries the payload's type. */
  readonly payload?: T;
};

export type JobDefinition<T extends object> = JobRef<T> & {
  handler: (data: T) => Promise<void>;
  /** Jobs of this name one process works on at once. */
  concurrency: number;
};

type State = {
  boss?: Promise<PgBoss>;
  workers: Map<string, string[]>;
  definitions: Map<string, JobDefinition<object>>;
  timers: NodeJS.Timeout[];
  working: boolean;
};

const globalForJobs = globalThis as unknown as { __igny8Jobs?: State };
const state: State = (globalForJobs.__igny8Jobs ??= {
  workers: new Map(),
  definitions: new Map(),
  timers: [],
  working: false,
});

/** Registers a job type (its handler runs where jobs are worked). */
export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  state.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
  return definition;
}

async function openBoss(): Promise<PgBoss> {
  const { DATABASE_URL } = getEnv();
  const options = DATABASE_URL
    ? { connectionString: DATABASE_URL, max: 4 }
    : { db: bossDbOverHandle(await getDbHandle()) };
  const boss = new PgBoss({
    ...options,
    schema: "pgboss",
    schedule: false,
    supervise: true,
    application_name: "igny8-jobs",
  } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => logError("job queue error", error));
  await boss.start();
  return boss;
}

/** The started queue of this process (sending only, until `startJobs({ work: true })`). */
export function getQueue(): Promise<PgBoss> {
  state.boss ??= openBoss().catch((error) => {
    state.boss = undefined;
    throw error;
  });
  return state.boss;
}

const created = new Set<string>();
async function ensureQueue(boss: PgBoss, name: string) {
  if (created.has(name)) return;
  if (!(await boss.getQueue(name))) await boss.createQueue(name);
  created.add(name);
}

/** Adds a job; workers in this process (if any) are woken at once. */
export async function enqueue<T extends object>(
  job: JobRef<T>,
  data: T,
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  const boss = await getQueue();
  await ensureQueue(boss, job.name);
  const id = await boss.send(job.name, data, { ...job.send, ...options });
  for (const worker of state.workers.get(job.name) ?? []) boss.notifyWorker(worker);
  return id;
}

/**
 * Starts the queue and, with `work`, this process's workers for every defined job plus the
 * periodic `ticks` (e.g. taking over runs whose worker died).
 */
export async function startJobs(options: {
  work: boolean;
  ticks?: Array<{ everyMs: number; run: () => Promise<void> }>;
}) {
  const boss = await getQueue();
  if (!options.work || state.working) return boss;
  state.working = true;
  for (const definition of state.definitions.values()) {
    await ensureQueue(boss, definition.name);
    const ids: string[] = [];
    for (let i = 0; i < definition.concurrency; i++) {
      ids.push(
        await boss.work<object>(definition.name, { pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const job of jobs) await definition.handler(job.data);
        }),
      );
    }
    state.workers.set(definition.name, ids);
  }
  for (const tick of options.ticks ?? []) {
    let isRunning = false;
    const timer = setInterval(() => {
      if (isRunning) return;
      isRunning = true;
      tick
        .run()
        .catch((error) => logError("job tick failed", error))
        .finally(() => (isRunning = false));
    }, tick.everyMs);
    timer.unref();
    state.timers.push(timer);
  }
  logInfo(`jobs: working ${[...state.definitions.keys()].join(", ")}`);
  return boss;
}

export async function stopJobs() {
  for (const timer of state.timers.splice(0)) clearInterval(timer);
  const boss = state.boss;
  state.boss = undefined;
  state.working = false;
  state.workers.clear();
  created.clear();
  if (boss) await (await boss).stop({ graceful: true, wait: true, timeout: 10_000 });
}
