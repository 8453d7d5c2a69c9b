export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="mb-6 text-center text-lg font-bold tracking-tight text-brand-700">IGNY8 Integrations</p>
        {children}
      </div>
    </main>
  );
}
