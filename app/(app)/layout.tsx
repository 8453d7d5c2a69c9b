import Link from "next/link";
import { requirePageAuth } from "@/lib/server/page-auth";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLink } from "@/components/nav-link";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const auth = await requirePageAuth();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <div className="flex items-center gap-6">
            <Link href="/sites" className="text-base font-bold tracking-tight text-brand-700">
              IGNY8
            </Link>
            <nav aria-label="Main" className="flex gap-1 text-sm">
              <NavLink href="/sites">Sites</NavLink>
              <NavLink href="/settings/integration">Integrations</NavLink>
              <NavLink href="/settings/api-keys">API keys</NavLink>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm text-slate-700">
            <span>
              {auth.email} <span className="text-slate-500">({auth.role})</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </div>
  );
}
