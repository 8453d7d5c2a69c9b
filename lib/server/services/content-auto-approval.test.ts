import { describe, expect, it } from "vitest";
import { createTestTenant } from "@/test/support/db";
import { createSite } from "./sites";
import { createContent, updateContent } from "./content";
import { savePublishingSettings } from "./publishing";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { patchPublishingSettingsBodySchema } from "@/lib/schemas/publishing";

const create = (body: object) => createContentBodySchema.parse(body);

describe("auto-approval", () => {
  it("approves content the moment it reaches review when the site has it on, and records it as automatic", async () => {
    const { db, auth } = await createTestTenant("auto");
    const site = await createSite(db, auth.accountId, { name: "Auto", url: "https://auto.example.com" });
    const before = await createContent(db, auth.accountId, site.id, create({ title: "Manual site", status: "review" }));
    expect(before).toMatchObject({ status: "review", is_auto_approved: false });

    await savePublishingSettings(
      db,
      auth.accountId,
      site.id,
      patchPublishingSettingsBodySchema.parse({ auto_approval_enabled: true }),
    );
    const created = await createContent(
      db,
      auth.accountId,
      site.id,
      create({ title: "Straight to review", status: "review" }),
    );
    expect(created).toMatchObject({ status: "approved", is_auto_approved: true });
    expect(created.approved_at).not.toBeNull();

    const draft = await createContent(db, auth.accountId, site.id, create({ title: "Draft first", status: "draft" }));
    expect(draft).toMatchObject({ status: "draft", is_auto_approved: false });
    expect(
      await updateContent(db, auth.accountId, draft.id, updateContentBodySchema.parse({ status: "review" })),
    ).toMatchObject({ status: "approved", is_auto_approved: true });
  });
});
