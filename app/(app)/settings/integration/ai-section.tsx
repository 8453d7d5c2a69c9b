import type { AuthContext } from "@/lib/server/session";

export async function AiSection({ auth }: { auth: AuthContext }) {
  void auth;
  return (
    <section aria-labelledby="ai-heading">
      <h2 id="ai-heading" className="mb-3 text-lg font-semibold">
        AI providers
      </h2>
      <p className="text-sm text-slate-600">AI provider keys will be managed here.</p>
    </section>
  );
}
