import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSite } from "@/db/queries/sites";
import { webhookReceipts } from "@/db/tables";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { createContentBodySchema } from "@/lib/schemas/content";
import { egressFetch } from "@/lib/server/egress";
import { createTestTenant } from "@/test/support/db";
import { getGhostTestSite, ghostAdmin } from "@/test/support/ghost";
import { refOf } from "@/test/support/refs";
import { startWebhookReceiver, waitFor } from "@/test/support/webhook-receiver";
import { POST as connect } from "@/app/api/v1/integration/route";
import { resetEnvCache } from "../../env";
import { createContent, getContentDto } from "../content";
import { publishContent } from "../sync/publish-now";
import { processWebhookReceipts } from "./process";

// Ghost's own webhooks, set up by IGNY8 when the site is connected, delivered over the network by
// a real Ghost to the webhook route: an edit and a deletion made in Ghost reach IGNY8.
const ghost = getGhostTestSite();

describe.skipIf(!ghost)("webhooks from a real Ghost", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let tenant: Awaited<ReturnType<typeof createTestTenant>>;
  let siteId: string;
  let integrationId: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // Ghost resolves webhook hosts through DNS only: 127.0.0.1, never localhost.
    process.env.APP_URL = receiver.origin;
    resetEnvCache();
    tenant = await createTestTenant("ghost-hooks");
    const site = await createSite(tenant.db, { accountId: tenant.auth.accountId, name: "Ghost", url: ghost!.url });
    siteId = site.id;
    const res = await connect(
      new Request("http://app.test/api/v1/integration/", {
        method: "POST",
        headers: { authorization: `Bearer ${tenant.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          site_id: site.id,
          platform: "ghost",
          external_site_url: ghost!.url,
          credentials: { admin_api_key: ghost!.adminApiKey },
        }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    integrationId = (await res.json()).id;
  });

  afterAll(() => receiver.close());

  const receipts = () =>
    tenant.db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, integrationId));

  it("an edit in Ghost arrives signed, is verified, and updates the item; a deletion marks it deleted", async () => {
    const { db, auth } = tenant;
    const title = `Ghost webhook ${Date.now().toString(36)}`;
    const body = createContentBodySchema.parse({ title, content: "<p>Ours</p>", status: "approved" });
    const item = await createContent(db, auth.accountId, siteId, body);
    const published = await publishContent(db, auth.accountId, item.id);
    const postId = published.external_id!;

    // Our own publish comes back as deliveries too: they change nothing.
    await waitFor(receipts, (rows) => rows.length > 0);
    await processWebhookReceipts(db, integrationId);
    expect(await getContentDto(db, auth.accountId, item.id)).toMatchObject({ title, sync_state: "synced" });

    const session = getPlatformAdapter("ghost").connect({
      siteUrl: ghost!.url,
      credentials: { admin_api_key: ghost!.adminApiKey },
      http: egressFetch,
    });
    const remote = (await session.getItem("post", postId))!;
    const before = (await receipts()).length;
    await new Promise((r) => setTimeout(r, 1100));
    await session.push([
      {
        ref: "ghost-user",
        contentType: "post",
        externalId: postId,
        expectedVersion: remote.version,
        fields: {
          title: `${title} (edited in Ghost)`,
          content: remote.content,
          excerpt: remote.excerpt,
          slug: remote.slug,
          status: "published",
          categoryIds: remote.categoryIds,
          tagIds: remote.tagIds,
        },
      },
    ]);
    await waitFor(receipts, (rows) => rows.length > before);
    await processWebhookReceipts(db, integrationId);
    expect(await getContentDto(db, auth.accountId, item.id)).toMatchObject({
      title: `${title} (edited in Ghost)`,
      sync_state: "synced",
    });
    expect((await receipts()).every((r) => r.status !== "failed")).toBe(true);

    const beforeDelete = (await receipts()).length;
    expect((await ghostAdmin(ghost!, "DELETE", `posts/${postId}/`)).status).toBe(204);
    await waitFor(receipts, (rows) => rows.length > beforeDelete);
    await processWebhookReceipts(db, integrationId);
    expect((await refOf(db, item.id, integrationId))?.syncState).toBe("remote_deleted");
  });
});
