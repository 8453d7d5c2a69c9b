import type { AuthContext } from "@/lib/server/session";
import { EmptyState } from "@/components/ui/card";

export async function WordPressSection({ auth }: { auth: AuthContext }) {
  void auth;
  return (
    <section aria-labelledby="wordpress-heading">
      <h2 id="wordpress-heading" className="mb-3 text-lg font-semibold">
        WordPress sites
      </h2>
      <EmptyState title="No integrations yet">Add a site first; WordPress connections will be managed here.</EmptyState>
    </section>
  );
}
