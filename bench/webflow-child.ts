// Starts bench/webflow-site.ts in its own process and talks to it over IPC (stopped when this one exits).
import { fork } from "node:child_process";
import path from "node:path";
import type { LoggedRequest, SiteItem, SiteMessage } from "./webflow-site";

type Fixture = Extract<SiteMessage, { fixture: object }>["fixture"];

export async function startWebflowSite() {
  const child = fork(path.join(__dirname, "webflow-site.ts"), [], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  process.on("exit", () => child.kill());
  let exited: Error | undefined;
  child.once("exit", (code) => (exited = new Error(`The Webflow test server exited (${code}).`)));
  const next = () =>
    new Promise<SiteMessage>((resolve, reject) => {
      if (exited) return reject(exited);
      child.once("message", (m) => resolve(m as SiteMessage));
    });
  const first = await next();
  if (!("fixture" in first)) throw new Error("The Webflow test server did not start.");
  const ask = async <T extends SiteMessage>(what: "log" | "items" | "token") => {
    const answer = next();
    child.send(what);
    return (await answer) as T;
  };
  return {
    fixture: first.fixture as Fixture,
    /** Every request the server has had so far, in order, and its spec violations. */
    log: () => ask<{ log: LoggedRequest[]; violations: string[] }>("log"),
    /** The blog collection's items and the number of categories and tags. */
    items: () => ask<{ items: SiteItem[]; terms: { categories: number; tags: number } }>("items"),
    /** A new site token: a request budget of its own. */
    token: async () => (await ask<{ token: string }>("token")).token,
  };
}
