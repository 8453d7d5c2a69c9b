import type { IHttpOperation } from "@stoplight/types";
import { fail, type Answer } from "./answers";
import type { Store } from "./store";

/** A per-token request budget per window, as Webflow's per-minute rate limit. */
export type Budget = { limit: number; windowMs: number };
type Window = { start: number; used: number };

export function createGate(store: Store, budget: Budget) {
  const windows = new Map<string, Window>();
  const gate = {
    budget,
    /** The headers every answer carries for `token`. */
    headers(token: string): Record<string, string> {
      const w = windows.get(token);
      const remaining = Math.max(0, gate.budget.limit - (w?.used ?? 0));
      return { "X-RateLimit-Limit": String(gate.budget.limit), "X-RateLimit-Remaining": String(remaining) };
    },
    /** 401 for a missing or unknown token. */
    authenticate(authorization: string | undefined): { token: string } | Answer {
      const token = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1];
      if (!token || !store.tokens.has(token)) return fail(401, "not_authorized", "Request not authorized");
      return { token };
    },
    /** Counts the request against the token's budget; 429 with Retry-After once it is spent. */
    spend(token: string): Answer | undefined {
      const now = Date.now();
      let w = windows.get(token);
      if (!w || now - w.start >= gate.budget.windowMs) windows.set(token, (w = { start: now, used: 0 }));
      if (w.used >= gate.budget.limit) {
        const wait = Math.max(1, Math.ceil((w.start + gate.budget.windowMs - now) / 1000));
        const answer = fail(429, "too_many_requests", "Rate limit reached");
        return { ...answer, headers: { "Retry-After": String(wait) } };
      }
      w.used++;
      return undefined;
    },
    /** 403 `missing_scopes` naming the scopes the operation needs and the token lacks. */
    authorize(token: string, operation: IHttpOperation): Answer | undefined {
      const scopes = scopesOf(operation);
      const have = store.tokens.get(token)?.scopes ?? [];
      const missing = scopes.filter((s) => !have.includes(s));
      if (!missing.length) return undefined;
      return fail(403, "missing_scopes", `OAuthForbidden: missing scopes: ${missing.join(", ")}`, [missing.join(",")]);
    },
  };
  return gate;
}

/** The scopes an operation requires: its spec description's "Required scope" line. */
export function scopesOf(operation: IHttpOperation): string[] {
  const line = /Required scope[s]?\s*\|\s*([^\n]+)/.exec(operation.description ?? "")?.[1] ?? "";
  return [...line.matchAll(/`([A-Za-z_]+:[a-z]+)`/g)].map((m) => m[1].toLowerCase());
}
