import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

// The import boundaries of eslint.config.mjs, on a file that breaks them and one that does not.
const eslint = new ESLint({ cwd: process.cwd() });
const rulesHit = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.ruleId);

describe("lint boundaries", () => {
  const files = ["app/(app)/sites/[id]/page.tsx", "app/api/v1/sites/route.ts"];
  it.each(files)("%s may not import db/queries", async (file) => {
    const code = 'import { getSite } from "@/db/queries/sites";\nexport const x = getSite;\n';
    expect(await rulesHit(code, file)).toContain("no-restricted-imports");
    const relative = 'import { getSite } from "../../../db/queries/sites";\nexport const x = getSite;\n';
    expect(await rulesHit(relative, file)).toContain("no-restricted-imports");
  });

  it("lets a page read through a service", async () => {
    const code = 'import { findSite } from "@/lib/server/services/sites";\nexport const x = findSite;\n';
    expect(await rulesHit(code, "app/(app)/sites/[id]/page.tsx")).not.toContain("no-restricted-imports");
  });
});
