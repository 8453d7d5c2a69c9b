"use client";

import { useSyncExternalStore, type ReactNode } from "react";

type Props = { until: string | null; platform: string; children: ReactNode };

/**
 * While a run waits for the platform's rate limit (`waiting_until` in the future), says so with the
 * seconds left, counted down between polls; otherwise (and once the wait is over) shows `children`,
 * the progress bar.
 */
export function RateLimitWait({ until, platform, children }: Props) {
  if (!until) return <>{children}</>;
  return (
    <Countdown until={until} platform={platform}>
      {children}
    </Countdown>
  );
}

const everySecond = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};
const nowInSeconds = () => Math.floor(Date.now() / 1000);

function Countdown({ until, platform, children }: Props & { until: string }) {
  // No clock on the server: the first render shows the progress bar, as the server rendered it.
  const now = useSyncExternalStore(everySecond, nowInSeconds, () => null);
  const seconds = Math.ceil(Date.parse(until) / 1000) - (now ?? Infinity);
  if (!(seconds > 0)) return <>{children}</>;
  return (
    <p
      role="status"
      className="flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      <span aria-hidden="true">⏳</span>
      <span>
        Waiting for {platform}&apos;s rate limit (about {seconds} s). The sync goes on by itself.
      </span>
    </p>
  );
}
