import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/api-docs/api-reference";
import "./api-docs.css";

export const metadata: Metadata = { title: "API reference" };

// /docs/api - the OpenAPI document rendered; public like the document itself
export default function ApiDocsPage() {
  return (
    <div className="min-h-screen bg-white">
      <header className="border-b border-slate-200 bg-slate-50">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-4">
          <Link href="/sites" className="text-lg font-bold tracking-tight text-brand-700">
            IGNY8 Integrations
          </Link>
          <nav aria-label="API reference links" className="flex gap-5 text-sm font-medium text-slate-700">
            <a href="/api/v1/openapi.json" className="hover:text-brand-700">
              openapi.json
            </a>
            <Link href="/settings/api-keys" className="hover:text-brand-700">
              API keys
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API reference</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          Every <code className="rounded bg-slate-100 px-1">/api/v1</code> endpoint with its bodies, answers and error
          codes. “Try it out” sends real requests to this server: signed in, your session is used; otherwise press{" "}
          <strong>Authorize</strong> and paste an API key. Generate a typed client from{" "}
          <a href="/api/v1/openapi.json" className="font-medium text-brand-700 underline">
            /api/v1/openapi.json
          </a>
          .
        </p>
        <ApiReference documentUrl="/api/v1/openapi.json" />
      </main>
    </div>
  );
}
