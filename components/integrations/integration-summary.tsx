import type { IntegrationDto } from "@/lib/schemas/integrations";
import { Badge } from "@/components/ui/badge";
import { CredentialFacts } from "./credential-facts";

function formatDate(value: string | null) {
  return value
    ? new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC"
    : "Never";
}

export function StatusBadge({ status }: { status: IntegrationDto["connection_status"] }) {
  if (status === "connected") return <Badge tone="green">Connected</Badge>;
  if (status === "error") return <Badge tone="red">Error</Badge>;
  return <Badge tone="amber">Not tested</Badge>;
}

/** A Shopify integration's blog and what categories become there. */
function BlogFact({ config }: { config: { blog_title?: unknown; blog_id?: unknown; categories_as?: unknown } }) {
  const blog = typeof config.blog_title === "string" ? config.blog_title : config.blog_id && `#${config.blog_id}`;
  return (
    <div>
      <dt className="inline">Blog: </dt>
      <dd className="inline">
        {blog ? `${blog}` : "not chosen (the store's first)"}
        {config.categories_as === "blog" ? "; categories choose the blog" : "; categories become tags"}
      </dd>
    </div>
  );
}

/** The facts of one integration: site, platform, status, URL, credentials, last sync and last check. */
export function IntegrationSummary({
  integration,
  headingId,
  platform,
}: {
  integration: IntegrationDto;
  headingId: string;
  platform: string;
}) {
  return (
    <div className="min-w-0">
      <div className="flex items-center gap-2">
        <h3 id={headingId} className="font-medium text-slate-900">
          {integration.site_name}
        </h3>
        <Badge tone="blue">{platform}</Badge>
        <StatusBadge status={integration.connection_status} />
        {!integration.is_active && <Badge>Paused</Badge>}
      </div>
      <p className="truncate text-sm text-slate-600">{integration.external_site_url}</p>
      <dl className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
        <CredentialFacts integration={integration} />
        <div>
          <dt className="inline">Last sync: </dt>
          <dd className="inline">
            {formatDate(integration.last_sync_at)}
            {integration.sync_status === "syncing" && " (syncing now)"}
            {integration.sync_status === "completed" && " (completed)"}
            {integration.sync_status === "error" && (
              <span className="font-medium text-red-700">
                {" "}
                (failed{integration.sync_error ? `: ${integration.sync_error}` : ""})
              </span>
            )}
          </dd>
        </div>
        {integration.platform === "shopify" && <BlogFact config={integration.config_json} />}
        <div>
          <dt className="inline">Checked: </dt>
          <dd className="inline">{formatDate(integration.connection_checked_at)}</dd>
        </div>
      </dl>
    </div>
  );
}
