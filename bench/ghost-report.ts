// Measuring and printing for bench/ghost.ts: wall time with the CPU of both sides, and what Ghost's
// own log says reached it.
import os from "node:os";
import { type BenchGhost, cpuSecondsOf, ghostRequestLog, type LoggedRequest, ownCpuSeconds } from "./ghost-site";
import { timed } from "./support";

export type Measured<T> = {
  ms: number;
  value: T;
  /** CPU seconds over the call: this process's main thread, its other threads, Ghost, PostgreSQL's backends. */
  cpu: { main: number; others: number; ghost: number; database?: number };
  /** What Ghost logged meanwhile. */
  requests: LoggedRequest[];
};

/** PostgreSQL's backends serving this process (DATABASE_URL only): their pids, read when asked. */
export type DatabasePids = () => Promise<number[]>;

async function databaseCpu(pids: DatabasePids | undefined): Promise<Map<number, number>> {
  return new Map((await (pids?.() ?? [])).map((pid) => [pid, cpuSecondsOf(pid)]));
}

/** `fn` timed, with the CPU the processes spent over it and the requests Ghost logged. */
export async function measured<T>(ghost: BenchGhost, fn: () => Promise<T>, pids?: DatabasePids): Promise<Measured<T>> {
  // Ghost writes a log line as it answers, a moment later: let the previous step's lines land first.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const log = ghostRequestLog(ghost);
  const databaseBefore = await databaseCpu(pids);
  const ghostBefore = cpuSecondsOf(ghost.pid);
  const before = ownCpuSeconds();
  const { ms, value } = await timed(fn);
  const after = ownCpuSeconds();
  const cpu: Measured<T>["cpu"] = { main: after.main - before.main, others: after.others - before.others, ghost: 0 };
  cpu.ghost = cpuSecondsOf(ghost.pid) - ghostBefore;
  // A backend that started during the call started from nothing.
  if (pids)
    cpu.database = [...(await databaseCpu(pids))].reduce(
      (sum, [pid, s]) => sum + s - (databaseBefore.get(pid) ?? 0),
      0,
    );
  await new Promise((resolve) => setTimeout(resolve, 250)); // and this step's last lines
  return { ms, value, cpu, requests: log() };
}

const s = (seconds: number) => (Number.isNaN(seconds) ? "?" : `${seconds.toFixed(1)} s`);

export const cpuLine = ({ cpu }: Measured<unknown>) =>
  `CPU: IGNY8 ${s(cpu.main + cpu.others)} (main thread ${s(cpu.main)}, other threads ${s(cpu.others)})` +
  (cpu.database === undefined ? "" : `, PostgreSQL ${s(cpu.database)}`) +
  `, Ghost ${s(cpu.ghost)}`;

/** A request's kind: method, path and the names of its query parameters (`/content/images/…` as one). */
function kindOf(r: LoggedRequest): string {
  const [path, query = ""] = r.path.split("?");
  const names = [...new URLSearchParams(query).keys()].sort().join("&");
  const where = path.startsWith("/ghost/api/admin/")
    ? path.slice("/ghost/api/admin".length).replace(/\/[0-9a-f]{24}\//, "/{id}/")
    : path.replace(/[^/]+$/, "…");
  return `${r.method} ${where}${names ? `?${names}` : ""}`;
}

/** Ghost's log of a step, by kind of request: how many, and the sum of Ghost's own times. */
export function requestLines(requests: LoggedRequest[]): string[] {
  const kinds = new Map<string, { n: number; ms: number; failed: number }>();
  for (const r of requests) {
    const kind = kinds.get(kindOf(r)) ?? { n: 0, ms: 0, failed: 0 };
    kind.n++;
    kind.ms += r.ms;
    if (r.status >= 400) kind.failed++;
    kinds.set(kindOf(r), kind);
  }
  return [...kinds].map(
    ([kind, { n, ms, failed }]) =>
      `${String(n).padStart(5)} × ${kind}  (Ghost's time ${(ms / 1000).toFixed(2)} s${failed ? `, ${failed} failed` : ""})`,
  );
}

export const loadLine = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} on ${os.cpus().length} cores`;

/** Two measurements of the same kind as one: times, CPU and requests added up. */
export function combined<T>(a: Measured<T>, b: Measured<T>, value: T): Measured<T> {
  const sum = (key: "main" | "others" | "ghost") => a.cpu[key] + b.cpu[key];
  const database = a.cpu.database === undefined ? undefined : a.cpu.database + (b.cpu.database ?? 0);
  const cpu = { main: sum("main"), others: sum("others"), ghost: sum("ghost"), database };
  return { ms: a.ms + b.ms, value, cpu, requests: [...a.requests, ...b.requests] };
}
