import type { PublishDestination, PublishResult } from "@/lib/schemas/sync";
import { Alert } from "@/components/ui/alert";
import { describeDestination, type SiteDestination } from "./destinations";

type Outcome = {
  kind: "published" | "scheduled" | "pending" | "failed" | "conflict";
  message?: string | null;
  fix?: string | null;
};

/** How one destination of a publish ended, from its refusal or its push's event. */
function outcomeOf(d: PublishDestination): Outcome {
  if (d.error) return { kind: "failed", message: d.error.message, fix: d.error.fix };
  // The platform's copy changed since the last sync: nothing was sent, and nothing is still on its way.
  if (d.sync_state === "conflict") return { kind: "conflict" };
  if (d.event?.status === "failed") {
    return { kind: "failed", message: d.event.error_message ?? "No message was recorded.", fix: d.event.fix };
  }
  if (d.event?.status === "pending") return { kind: "pending" };
  // Sent ahead of its time: scheduled there, or held as a draft where the platform cannot schedule (Webflow).
  if (d.status === "scheduled") return { kind: "scheduled" };
  return { kind: "published" };
}

/** After "Publish": each destination's result, with its link or its error and fix. */
export function PublishOutcome({ result, destinations }: { result: PublishResult; destinations: SiteDestination[] }) {
  const rows = (result.destinations?.length ? result.destinations : [result]).map((d) => ({
    d,
    where: describeDestination(d.platform, d.integration_id, destinations, d.url),
    outcome: outcomeOf(d),
  }));
  const published = rows.filter((r) => r.outcome.kind === "published" || r.outcome.kind === "scheduled").length;
  const failed = rows.filter((r) => r.outcome.kind === "failed" || r.outcome.kind === "conflict").length;
  const tone = failed === rows.length ? "error" : failed ? "warning" : "success";
  const title =
    rows.length === 1
      ? rows[0].outcome.kind === "conflict"
        ? `Changed on ${rows[0].where.name} too: a conflict`
        : failed
          ? `${rows[0].where.name} did not take it`
          : rows[0].outcome.kind === "scheduled"
            ? `Sent to ${rows[0].where.label}, not live yet`
            : published
              ? `Published to ${rows[0].where.label}`
              : `Sending to ${rows[0].where.label}`
      : `Published to ${published} of ${rows.length} destinations`;

  return (
    <Alert tone={tone} title={title}>
      <ul className="flex flex-col gap-1.5" aria-label="Publish results">
        {rows.map(({ d, where, outcome }) => (
          <li key={d.integration_id}>
            {rows.length > 1 && <span className="block font-medium">{where.label}</span>}
            {outcome.kind === "conflict" ? (
              `Not sent: the copy on ${where.name} changed since the last sync, so nothing was overwritten. Compare and resolve it under Sync → Conflicts.`
            ) : outcome.kind === "failed" ? (
              <>
                {rows.length > 1 && "Not published: "}
                {outcome.message}
                {outcome.fix && <span className="mt-0.5 block">Fix: {outcome.fix}</span>}
              </>
            ) : outcome.kind === "pending" ? (
              "Still being sent; the Destinations below update when it is done."
            ) : outcome.kind === "scheduled" ? (
              "It goes live at the time it is scheduled for."
            ) : d.url ? (
              <>
                {rows.length > 1 && "Published at "}
                <a className="break-all underline" href={d.url} target="_blank" rel="noreferrer">
                  {d.url}
                  <span className="sr-only"> (on {where.phrase}, opens in a new tab)</span>
                </a>
              </>
            ) : (
              "Published."
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
