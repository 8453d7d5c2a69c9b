import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findIntegration } from "@/lib/server/services/integrations";
import { connectionProblems, troubleshootingAnchor } from "@/lib/schemas/connection-problems";
import { ownValue } from "@/lib/schemas/json-input";
import { oneClickFailure } from "@/lib/schemas/one-click-failures";
import { platformName } from "@/lib/platforms/metadata";
import { platformIds } from "@/lib/platforms/types";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Connect a site" };

type Found = NonNullable<Awaited<ReturnType<typeof findIntegration>>>;

/** What the user sees once connected: where, as whom, and what comes next on this platform. */
function Connected({ found }: { found: Found }) {
  const { site, integration } = found;
  const name = platformName(integration.platform);
  return (
    <Alert tone="success" title="Connected">
      {integration.platform === "wordpress" ? (
        <p>
          {site.name} is connected to {integration.externalSiteUrl} as {site.wpUsername}.
        </p>
      ) : (
        <p>
          {site.name} is connected to {name} at {integration.externalSiteUrl}.
        </p>
      )}
      {integration.platform === "webflow" && (
        <p className="mt-1">
          Next: open <strong>Field mapping</strong> on the integration to choose the site and collection and which field
          gets the body, summary, image and SEO.
        </p>
      )}
    </Alert>
  );
}

export default async function ConnectResultPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const auth = await requirePageAuth();
  const params = await searchParams;
  const found =
    params.outcome === "connected" && params.integration && /^[0-9a-f-]{36}$/i.test(params.integration)
      ? await findIntegration(await getDb(), auth.accountId, params.integration)
      : undefined;
  const platform = found?.integration.platform ?? platformIds.find((id) => id === params.platform);
  const name = platform ? platformName(platform) : "WordPress";
  const code = params.code ?? "invalid_callback";
  const failure = oneClickFailure(code, name);
  const problem = ownValue(connectionProblems, code);

  return (
    <>
      <PageHeader title={platform ? `Connect with ${name}` : "Connect a site"} />
      <Card className="max-w-2xl">
        {found ? (
          <Connected found={found} />
        ) : failure ? (
          <Alert tone="error" title={failure.title}>
            <p>{failure.text}</p>
          </Alert>
        ) : (
          <Alert tone="error" title={`Not connected: ${problem?.issue ?? code}`}>
            <p>{name} approved IGNY8, but the connection test failed, so nothing was saved.</p>
            {problem && (
              <>
                <p className="mt-1">{problem.cause}</p>
                <p className="mt-1">
                  <span className="font-semibold">Fix: </span>
                  {problem.fix}
                </p>
              </>
            )}
          </Alert>
        )}
        <div className="mt-4 flex gap-4 text-sm">
          <Link href="/settings/integration" className="font-medium text-brand-700 underline">
            Back to Integrations
          </Link>
          {!found && problem && (
            <Link
              href={`/settings/integration#${troubleshootingAnchor(code)}`}
              className="font-medium text-brand-700 underline"
            >
              Troubleshooting
            </Link>
          )}
        </div>
      </Card>
    </>
  );
}
