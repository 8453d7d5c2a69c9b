import { getDb } from "@/db/client";
import type { PlatformId } from "@/lib/platforms/types";
import { getEnv } from "@/lib/server/env";
import { logError } from "@/lib/server/log";
import { resolveAuth } from "@/lib/server/session";
import { findIntegration } from "@/lib/server/services/integrations";
import { completeOneClick, type OneClickOutcome } from "@/lib/server/services/one-click";
import { installWebhooksAfterConnect } from "@/lib/server/services/webhooks/install";

// GET /settings/integration/connect/callback - the platform's redirect back after "Approve" or "Reject"
// (WordPress's Application Password, or Shopify's and Webflow's OAuth code). Secrets arrive in the
// query string: handle it, then redirect to a clean URL so they stay out of the address bar and history.
export async function GET(req: Request) {
  let outcome: OneClickOutcome;
  const seen: { platform?: PlatformId } = {};
  try {
    const db = await getDb();
    const auth = await resolveAuth(req.headers);
    outcome = await completeOneClick(db, auth, new URL(req.url).searchParams, seen);
    if (outcome.status === "connected" && auth) {
      const row = await findIntegration(db, auth.accountId, outcome.integrationId);
      if (row) await installWebhooksAfterConnect(db, row.integration, row.site);
    }
  } catch (error) {
    logError("one-click connect callback failed", error);
    outcome = { status: "failed", code: "internal_error" };
  }
  const target = new URL("/settings/integration/connect", `${getEnv().APP_URL}/`);
  target.searchParams.set("outcome", outcome.status);
  if (outcome.status === "connected") target.searchParams.set("integration", outcome.integrationId);
  else {
    target.searchParams.set("code", outcome.code);
    if (outcome.reason) target.searchParams.set("reason", outcome.reason);
  }
  if (seen.platform) target.searchParams.set("platform", seen.platform);
  return new Response(null, {
    status: 303,
    headers: { location: target.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}
