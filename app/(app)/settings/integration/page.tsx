import type { Metadata } from "next";
import { requirePageAuth } from "@/lib/server/page-auth";
import { PageHeader } from "@/components/ui/card";
import { IntegrationsSection } from "./integrations-section";
import { AiSection } from "./ai-section";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationSettingsPage() {
  const auth = await requirePageAuth();
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect your sites to WordPress, Ghost, Shopify or Webflow, and IGNY8 to AI providers."
      />
      <div className="flex flex-col gap-10">
        <IntegrationsSection auth={auth} />
        <AiSection auth={auth} />
      </div>
    </>
  );
}
