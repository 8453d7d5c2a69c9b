import { getDb } from "@/db/client";
import { canManage, type AuthContext } from "@/lib/server/session";
import { listIntegrations, toIntegrationDto, unreadableCredentials } from "@/lib/server/services/integrations";
import { listSites, toSiteDto } from "@/lib/server/services/sites";
import { oneClickNotes } from "@/lib/server/services/one-click";
import { Card, EmptyState } from "@/components/ui/card";
import { AddIntegrationForm } from "@/components/integrations/add-integration-form";
import { IntegrationRow } from "@/components/integrations/integration-row";
import { TroubleshootingTable } from "@/components/integrations/troubleshooting-table";

export async function WordPressSection({ auth }: { auth: AuthContext }) {
  const db = await getDb();
  const [{ rows }, sites] = await Promise.all([
    listIntegrations(db, auth.accountId, { page: 1, page_size: 100 }),
    listSites(db, auth.accountId, { page: 1, page_size: 100 }),
  ]);
  const integrations = rows.map(toIntegrationDto);
  // Only for integrations marked so: what cannot be decrypted now, with the fix (no secret is shown).
  const unreadable = new Map(
    rows
      .filter((r) => r.integration.connectionErrorCode === "credentials_unreadable")
      .map((r) => [r.integration.id, unreadableCredentials(r)]),
  );
  const connected = new Set(integrations.map((i) => i.site_id));
  const freeSites = sites.rows.filter((s) => !connected.has(s.id)).map(toSiteDto);
  const isManager = canManage(auth);

  return (
    <section aria-labelledby="wordpress-heading">
      <h2 id="wordpress-heading" className="mb-3 text-lg font-semibold">
        WordPress sites
      </h2>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div>
          {integrations.length === 0 ? (
            <EmptyState title="No WordPress site connected yet">
              <p>Connect a site in one of two ways:</p>
              <ul className="mt-2 list-disc pl-5 text-left">
                <li>
                  <strong>Connect with WordPress</strong>: enter the site&apos;s address, then approve IGNY8 in your
                  WordPress admin.
                </li>
                <li>
                  <strong>Application Password</strong>: create one in WordPress under Users → Profile → Application
                  Passwords and paste it here with your username.
                </li>
              </ul>
              {!isManager && <p className="mt-2">Ask an owner or admin of your account to connect a site.</p>}
            </EmptyState>
          ) : (
            <ul
              className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
              aria-label="WordPress integrations"
            >
              {integrations.map((integration) => (
                <IntegrationRow
                  key={integration.id}
                  integration={integration}
                  canManage={isManager}
                  credentialProblems={unreadable.get(integration.id)}
                />
              ))}
            </ul>
          )}
        </div>
        {isManager && (
          <Card>
            <h3 className="mb-4 text-base font-semibold">Add integration</h3>
            <AddIntegrationForm sites={freeSites} oneClickNotes={oneClickNotes()} />
          </Card>
        )}
      </div>
      <TroubleshootingTable />
    </section>
  );
}
