import { getDb } from "@/db/client";
import { canManage, type AuthContext } from "@/lib/server/session";
import { listIntegrations, toIntegrationDto, unreadableCredentials } from "@/lib/server/services/integrations";
import { listSites, toSiteDto } from "@/lib/server/services/sites";
import { oneClickNotes, oneClickUnavailable } from "@/lib/server/services/one-click";
import { Card, EmptyState } from "@/components/ui/card";
import { AddIntegrationForm } from "@/components/integrations/add-integration-form";
import { IntegrationRow } from "@/components/integrations/integration-row";
import { TroubleshootingTable } from "@/components/integrations/troubleshooting-table";
import { platformName } from "@/lib/platforms/metadata";
import { platformIds } from "@/lib/platforms/types";

/** Connected sites of every platform (one list per platform), the add form and the troubleshooting table. */
export async function IntegrationsSection({ auth }: { auth: AuthContext }) {
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
  const allSites = sites.rows.map(toSiteDto);
  const freeSites = allSites.filter((s) => !connected.has(s.id));
  const groups = platformIds
    .map((platform) => ({ platform, items: integrations.filter((i) => i.platform === platform) }))
    .filter((g) => g.items.length > 0);
  const isManager = canManage(auth);

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading" className="mb-3 text-lg font-semibold">
        Connected sites
      </h2>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div>
          {integrations.length === 0 ? (
            <EmptyState title="No site connected yet">
              <p>
                Connect a WordPress, Ghost, Shopify or Webflow site with the form. WordPress sites in one of two ways:
              </p>
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
              <p className="mt-2">
                Ghost, Shopify and Webflow: choose the platform, the form says where to find the key.
              </p>
              {!isManager && <p className="mt-2">Ask an owner or admin of your account to connect a site.</p>}
            </EmptyState>
          ) : (
            <div className="flex flex-col gap-4">
              {groups.map(({ platform, items }) => (
                <ul
                  key={platform}
                  className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
                  aria-label={`${platformName(platform)} integrations`}
                >
                  {items.map((integration) => (
                    <IntegrationRow
                      key={integration.id}
                      integration={integration}
                      canManage={isManager}
                      credentialProblems={unreadable.get(integration.id)}
                    />
                  ))}
                </ul>
              ))}
            </div>
          )}
        </div>
        {isManager && (
          <Card>
            <h3 className="mb-4 text-base font-semibold">Add integration</h3>
            <AddIntegrationForm
              sites={freeSites}
              allSites={allSites}
              oneClickNotes={oneClickNotes()}
              oneClickUnavailable={oneClickUnavailable()}
            />
          </Card>
        )}
      </div>
      <TroubleshootingTable />
    </section>
  );
}
