import type { SyncEventDto } from "@/lib/queries/sync";

/**
 * The item of a sync event: its title (else the platform's id for it), and for a push that
 * recorded the post's address there, a link to it on the platform.
 */
export function EventItem({
  event,
  knownTitle,
  platform,
}: {
  event: SyncEventDto;
  knownTitle: string | null | undefined;
  platform: string;
}) {
  const name = event.content_title || knownTitle || (event.external_id ? `${platform} #${event.external_id}` : "—");
  const link = event.metadata?.link;
  // The address comes from the platform: only a web address becomes a link.
  const href = typeof link === "string" && /^https?:\/\//i.test(link) ? link : null;
  return (
    <>
      {name}
      {href && (
        <a className="ml-2 text-brand-700 underline" href={href} target="_blank" rel="noreferrer">
          View
          <span className="sr-only">
            {" "}
            {name} on {platform} (opens in a new tab)
          </span>
        </a>
      )}
    </>
  );
}
