import type { Metadata } from "next";
import { requirePageAuth } from "@/lib/server/page-auth";
import { PageHeader } from "@/components/ui/card";
import { WordPressSection } from "./wordpress-section";
import { AiSection } from "./ai-section";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationSettingsPage() {
  const auth = await requirePageAuth();
  return (
    <>
      <PageHeader title="Integrations" description="Connect your sites to WordPress, and IGNY8 to AI providers." />
      <div className="flex flex-col gap-10">
        <WordPressSection auth={auth} />
        <AiSection auth={auth} />
      </div>
    </>
  );
}
