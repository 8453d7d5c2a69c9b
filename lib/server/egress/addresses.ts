import "server-only";
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector } from "undici";
import { EgressError } from "./errors";

/** Resolves a host name to every address it has (used instead of the system resolver in tests). */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

/** True only for globally routable unicast addresses (ipaddr.js range `unicast`). */
export function isPublicAddress(address: string): boolean {
  const bare = stripBrackets(address);
  if (!ipaddr.isValid(bare)) return false;
  // Mapped/translated IPv6 forms (::ffff:a.b.c.d, 64:ff9b::/96, 6to4, teredo) are not `unicast`.
  return ipaddr.parse(bare).range() === "unicast";
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function normaliseHost(host: string): string {
  const bare = stripBrackets(host.toLowerCase());
  return ipaddr.isValid(bare) && bare.includes(":") ? ipaddr.parse(bare).toString() : bare;
}

type AllowEntry = { host: string; port: number | null };

function parseAllowList(raw: string | undefined): AllowEntry[] {
  const entries: AllowEntry[] = [];
  for (const item of (raw ?? "").split(",")) {
    const entry = item.trim();
    if (!entry) continue;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (match) {
      let host = match[1];
      try {
        host = new URL(`http://${host}`).hostname; // same normalisation as request URLs
      } catch {
        continue;
      }
      entries.push({ host: normaliseHost(host), port: match[2] ? Number(match[2]) : null });
    } else if (ipaddr.isValid(entry)) {
      entries.push({ host: normaliseHost(entry), port: null }); // bare IPv6
    }
  }
  return entries;
}

/** Whether `EGRESS_ALLOW` (read on every call) lets this host and port through unchecked. */
export function isAllowListed(host: string, port: number): boolean {
  const wanted = normaliseHost(host);
  return parseAllowList(process.env.EGRESS_ALLOW).some(
    (e) => e.host === wanted && (e.port === null || e.port === port),
  );
}

function blockedError(host: string, address?: string): EgressError {
  const shown = stripBrackets(host);
  const detail = address && address !== shown ? ` (it resolves to ${address})` : "";
  return new EgressError(
    "blocked_address",
    `Refusing to connect to ${shown}${detail}: only public internet addresses are allowed.`,
    { host: shown },
  );
}

export function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

/** Throws `blocked_address` for an IP-literal host that is not public and not allow-listed. */
export function assertLiteralAllowed(hostname: string, port: number): void {
  const bare = stripBrackets(hostname);
  if (net.isIP(bare) === 0 || isAllowListed(bare, port)) return;
  if (!isPublicAddress(bare)) throw blockedError(hostname);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

function systemResolve(hostname: string): Promise<dns.LookupAddress[]> {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

/** A `net.connect` lookup that refuses the whole host if any of its addresses is not public. */
function createGuardedLookup(resolve: ResolveHost) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        if (usable.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          err.code = "ENOTFOUND";
          return callback(err, "");
        }
        const bad = usable.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(blockedError(hostname, bad.address), "");
        if (options.all) return callback(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}

type ConnectOptions = Parameters<ReturnType<typeof buildConnector>>[0];
type ConnectCallback = Parameters<ReturnType<typeof buildConnector>>[1];

/** An undici Agent whose every new connection goes through the address checks. */
export function createEgressAgent(resolve: ResolveHost): Agent {
  const guarded = buildConnector({ lookup: createGuardedLookup(resolve) } as buildConnector.BuildOptions);
  const open = buildConnector({});
  return new Agent({
    connect: (opts: ConnectOptions, callback: ConnectCallback) => {
      const port = Number(opts.port) || defaultPort(opts.protocol);
      if (isAllowListed(opts.hostname, port)) return open(opts, callback);
      try {
        assertLiteralAllowed(opts.hostname, port);
      } catch (err) {
        return callback(err as Error, null);
      }
      return guarded(opts, callback);
    },
  });
}

const globalForEgress = globalThis as unknown as { egressAgent?: Agent };

export function getDefaultAgent(): Agent {
  globalForEgress.egressAgent ??= createEgressAgent(systemResolve);
  return globalForEgress.egressAgent;
}
