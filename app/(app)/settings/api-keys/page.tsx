import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePageAuth } from "@/lib/server/page-auth";
import { canManage } from "@/lib/server/session";
import { listApiKeys, toApiKeyDto } from "@/lib/server/services/api-keys";
import { PageHeader } from "@/components/ui/card";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const auth = await requirePageAuth();
  const { rows } = await listApiKeys(await getDb(), auth.accountId, { page: 1, page_size: 100 });
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Scripts call the IGNY8 API with{" "}
            <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>. A key is shown once,
            when it is created. Every endpoint is described, and can be tried, in the{" "}
            <Link href="/docs/api" className="font-medium text-brand-700 underline">
              API reference
            </Link>
            .
          </>
        }
      />
      <ApiKeysManager initialKeys={rows.map(toApiKeyDto)} canManage={canManage(auth)} />
    </>
  );
}
