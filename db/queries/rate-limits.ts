import { sql, type SQL } from "drizzle-orm";
import { rateLimits } from "../tables";

/**
 * Counts one hit against `key` in a fixed window of `windowSeconds`: a new window starts when the
 * last one has run out. Returns `count` (hits in this window) and `retry_after` (seconds until it
 * ends). A statement of its own or a CTE of a larger one.
 */
export function countHit(key: string, windowSeconds: number): SQL {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`${rateLimits.windowStart} < now() - ${window}`;
  return sql`
    insert into ${rateLimits} (key, count, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      count = case when ${expired} then 1 else ${rateLimits.count} + 1 end,
      window_start = case when ${expired} then now() else ${rateLimits.windowStart} end
    returning count, greatest(1, ceil(extract(epoch from (window_start + ${window} - now()))))::int as retry_after`;
}
