import type { Metadata } from "next";
import { requirePageAuth } from "@/lib/server/page-auth";
import { EmptyState, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationSettingsPage() {
  await requirePageAuth();
  return (
    <>
      <PageHeader title="Integrations" description="Connect your sites to WordPress and IGNY8 to AI providers." />
      <EmptyState title="No integrations yet">Add a site first; WordPress connections will be managed here.</EmptyState>
    </>
  );
}
