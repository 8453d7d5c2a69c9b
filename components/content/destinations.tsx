import type { ContentReferenceDto } from "@/lib/schemas/content";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { platformName } from "@/lib/platforms/metadata";
import { SyncStateBadge } from "./badges";

/** What the content pages need to know of a site's integration (no credentials, no settings). */
export type SiteDestination = Pick<
  IntegrationDto,
  "id" | "platform" | "external_site_url" | "is_active" | "sync_enabled"
>;

export const toSiteDestination = ({ id, platform, external_site_url, is_active, sync_enabled }: SiteDestination) => ({
  id,
  platform,
  external_site_url,
  is_active,
  sync_enabled,
});

/** "https://blog.example.com/news/" → "blog.example.com/news": the address as people say it. */
export function siteAddress(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { host, pathname } = new URL(url);
    return `${host}${pathname}`.replace(/\/+$/, "");
  } catch {
    return url;
  }
}

function hostOf(url: string | null | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** Platform and site of a destination, e.g. { name: "WordPress", address: "blog.example.com" }. */
export function describeDestination(
  platform: string,
  integrationId: string | null,
  destinations: SiteDestination[],
  fallbackUrl?: string | null,
) {
  const integration = destinations.find((d) => d.id === integrationId);
  const address = siteAddress(integration?.external_site_url) ?? hostOf(fallbackUrl);
  const name = platformName(platform);
  return {
    name,
    address,
    label: address ? `${name} · ${address}` : name,
    phrase: address ? `${name} at ${address}` : name,
  };
}

/** References in the order of the site's integrations (oldest first), unknown ones last. */
export function inDestinationOrder(references: ContentReferenceDto[], destinations: SiteDestination[]) {
  const rank = (ref: ContentReferenceDto) => {
    const n = destinations.findIndex((d) => d.id === ref.integration_id);
    return n === -1 ? destinations.length : n;
  };
  return [...references].sort((a, b) => rank(a) - rank(b));
}

/** The small platform · site chip. */
export function DestinationChip({ label }: { label: string }) {
  return (
    <span className="inline-flex max-w-full items-center truncate rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-xs text-slate-700">
      {label}
    </span>
  );
}

/** One table cell's worth: every destination of an item with its state and a link there. */
export function DestinationBadges({
  title,
  references,
  destinations,
}: {
  title: string;
  references: ContentReferenceDto[];
  destinations: SiteDestination[];
}) {
  if (!references.length) return <span className="text-xs text-slate-600">Not published</span>;
  return (
    <ul className="flex flex-col gap-1.5" aria-label={`Destinations of ${title}`}>
      {inDestinationOrder(references, destinations).map((ref) => {
        const where = describeDestination(ref.platform, ref.integration_id, destinations, ref.url);
        return (
          <li key={ref.integration_id} className="flex flex-wrap items-center gap-1.5">
            <DestinationChip label={where.label} />
            <SyncStateBadge state={ref.sync_state} platformName={where.name} />
            {ref.url && (
              <a className="text-xs text-brand-700 underline" href={ref.url} target="_blank" rel="noreferrer">
                View
                <span className="sr-only">
                  {" "}
                  {title} on {where.phrase} (opens in a new tab)
                </span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
