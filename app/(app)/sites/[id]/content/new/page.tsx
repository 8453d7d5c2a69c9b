import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { findSite } from "@/lib/server/services/sites";
import { listSiteIntegrationDtos, unschedulablePlatformNames } from "@/lib/server/services/site-integrations";
import { uuidSchema } from "@/lib/schemas/common";
import { Card, PageHeader } from "@/components/ui/card";
import { ContentForm } from "@/components/content/content-form";

export const metadata: Metadata = { title: "New content" };

export default async function NewContentPage({ params }: { params: Promise<{ id: string }> }) {
  const auth = await requirePageAuth();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  const db = await getDb();
  const [site, integrations] = await Promise.all([
    findSite(db, auth.accountId, id),
    listSiteIntegrationDtos(db, auth.accountId, id),
  ]);
  if (!site) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/sites" className="text-brand-700 underline">
          Sites
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}`} className="text-brand-700 underline">
          {site.name}
        </Link>{" "}
        /{" "}
        <Link href={`/sites/${id}/content`} className="text-brand-700 underline">
          Content
        </Link>
      </nav>
      <PageHeader
        title="New content"
        description="Saved as a draft here; nothing reaches your site until you publish it."
      />
      <Card>
        <ContentForm siteId={id} unschedulable={unschedulablePlatformNames(integrations)} />
      </Card>
    </>
  );
}
