import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { getWordPressTestSite } from "@/test/support/wordpress";
import { startOpenAiFake } from "@/test/fakes/openai";
import type { FakeServer } from "@/test/fakes/server";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { resetEnvCache } from "../../env";
import { updateAiSettings } from "../ai-settings";
import { generateImage } from "../ai-generate";
import { createContent, updateContent } from "../content";
import { publishContent } from "./publish-now";

const wp = getWordPressTestSite();

describe.skipIf(!wp)("a generated featured image goes to WordPress with the push", () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startOpenAiFake("sk-featured-image-test-0000");
    process.env.OPENAI_BASE_URL = `${fake.origin}/v1`;
    process.env.APP_URL = "http://igny8.test:3000";
    resetEnvCache();
  });
  afterAll(() => fake.close());

  it("uploads the stored image bytes (no HTTP to ourselves) and sets featured_media", async () => {
    const { db, auth } = await createTestTenant("featured");
    await updateAiSettings(db, auth, { scope: "account", keys: { openai: "sk-featured-image-test-0000" } });
    const { site } = await createTestIntegration(db, auth.accountId, wp!);
    const item = await createContent(
      db,
      auth.accountId,
      site.id,
      createContentBodySchema.parse({ title: `Generated image ${Date.now()}`, status: "approved" }),
    );
    const image = await generateImage(
      db,
      auth.accountId,
      { prompt: item.title, contentId: item.id },
      { maxRetries: 0 },
    );
    expect(image.url).toBe(`http://igny8.test:3000/api/v1/ai/images/${image.image_id}/`);
    await updateContent(db, auth.accountId, item.id, updateContentBodySchema.parse({ featured_image_url: image.url }));

    const result = await publishContent(db, auth.accountId, item.id);
    expect(result.sync_state).toBe("synced");
    const auth64 = Buffer.from(`${wp!.username}:${wp!.applicationPassword}`).toString("base64");
    const post = await (
      await fetch(`${wp!.url}/wp-json/wp/v2/posts/${result.wordpress_id}?context=edit`, {
        headers: { authorization: `Basic ${auth64}` },
      })
    ).json();
    expect(post.featured_media).toBeGreaterThan(0);
    const media = await (await fetch(`${wp!.url}/wp-json/wp/v2/media/${post.featured_media}`)).json();
    expect(media.mime_type).toBe("image/png");
    const served = await fetch(media.source_url);
    expect(served.headers.get("content-type")).toContain("image/png");
  });
});
