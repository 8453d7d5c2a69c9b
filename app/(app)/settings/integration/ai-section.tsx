import { getDb } from "@/db/client";
import type { AuthContext } from "@/lib/server/session";
import { getAiSettings } from "@/lib/server/services/ai-settings";
import { listAiModels } from "@/lib/server/services/ai-models";
import { getAiUsage } from "@/lib/server/services/ai-generate";
import { AiSettingsPanel } from "@/components/ai/ai-settings-panel";

export async function AiSection({ auth }: { auth: AuthContext }) {
  const db = await getDb();
  const [settings, models, usage] = await Promise.all([
    getAiSettings(db, auth),
    listAiModels(db, { includeInactive: auth.isSystemAdmin }),
    getAiUsage(db, auth.accountId),
  ]);
  return (
    <section aria-labelledby="ai-heading">
      <h2 id="ai-heading" className="mb-3 text-lg font-semibold">
        AI providers
      </h2>
      <AiSettingsPanel initialSettings={settings} models={models} usage={usage} />
    </section>
  );
}
