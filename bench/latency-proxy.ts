// A forwarding proxy that answers every request `delayMs` late, as a WordPress on another machine
// would (network round trip). Runs in its own process, so the measured process's work does not
// delay it:  npx tsx bench/latency-proxy.ts TARGET_URL DELAY_MS  → prints its URL.
import { startProxy } from "@/test/support/proxy";

const [target, delay] = process.argv.slice(2);
startProxy(target, { delayMs: Number(delay) }).then((proxy) => console.log(proxy.url));
