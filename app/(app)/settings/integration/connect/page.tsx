import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findIntegration } from "@/lib/server/services/integrations";
import { connectionProblems, troubleshootingAnchor } from "@/lib/schemas/connection-problems";
import { ownValue } from "@/lib/schemas/json-input";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Connect with WordPress" };

/** Why a one-click connect saved nothing, for codes that are not connection doctor codes. */
const ONE_CLICK_FAILURES: Record<string, { title: string; text: string }> = {
  rejected: {
    title: "You declined the connection",
    text: "WordPress did not create an Application Password, and nothing was saved. Start again when you are ready.",
  },
  invalid_state: {
    title: "This connection link is not valid",
    text: "It was already used, altered, or started by another user. Nothing was saved. Start the connection again from this page.",
  },
  expired_state: {
    title: "This connection link has expired",
    text: "Links are valid for 15 minutes. Nothing was saved. Start the connection again.",
  },
  signed_out: { title: "You are not signed in", text: "Sign in, then start the connection again." },
  forbidden: {
    title: "Only owners and admins can connect sites",
    text: "Nothing was saved. Ask an owner or admin of your account.",
  },
  site_mismatch: {
    title: "WordPress answered for a different site",
    text: "The approval came from another address than the one you entered. Nothing was saved. Check the address and start again.",
  },
  invalid_callback: {
    title: "WordPress's answer was incomplete",
    text: "Nothing was saved. Start the connection again.",
  },
  internal_error: {
    title: "Something went wrong on our side",
    text: "It has been logged. Nothing was saved. Please try again.",
  },
};

export default async function ConnectResultPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const auth = await requirePageAuth();
  const params = await searchParams;
  const integration =
    params.outcome === "connected" && params.integration && /^[0-9a-f-]{36}$/i.test(params.integration)
      ? await findIntegration(await getDb(), auth.accountId, params.integration)
      : undefined;
  const code = params.code ?? "invalid_callback";
  const failure = ownValue(ONE_CLICK_FAILURES, code);
  const problem = ownValue(connectionProblems, code);

  return (
    <>
      <PageHeader title="Connect with WordPress" />
      <Card className="max-w-2xl">
        {integration ? (
          <Alert tone="success" title="Connected">
            <p>
              {integration.site.name} is connected to {integration.integration.externalSiteUrl} as{" "}
              {integration.site.wpUsername}.
            </p>
          </Alert>
        ) : failure ? (
          <Alert tone="error" title={failure.title}>
            <p>{failure.text}</p>
          </Alert>
        ) : (
          <Alert tone="error" title={`Not connected: ${problem?.issue ?? code}`}>
            <p>WordPress approved IGNY8, but the connection test failed, so nothing was saved.</p>
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
          {!integration && problem && (
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
