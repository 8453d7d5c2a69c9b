import { afterAll, expect } from "vitest";
import { describeAdapterContract } from "@/lib/platforms/testing/contract";
import type { ContractSubject } from "@/lib/platforms/testing/contract-subject";
import { itemEvent, signWebflow } from "./testing/emit";
import { startWebflowServer, type WebflowTestServer } from "./testing/server";
import { adapterFor, testFetch, userClient } from "./testing/subject";

// The suite opens its session while it is declared, so the server starts first.
const server: WebflowTestServer = await startWebflowServer();
afterAll(async () => {
  await server.close();
  // Every request the adapter sent and every answer it got was one the spec allows.
  expect(server.violations).toEqual([]);
});

const items = () => userClient(server).collections.items;

const subject: ContractSubject = {
  adapter: adapterFor(server),
  siteUrl: server.origin,
  credentials: {
    good: { api_token: "site-token-full-5f1c9a7d2e" },
    bad: { api_token: "site-token-that-webflow-does-not-know" },
  },
  http: testFetch,
  // The test server's clock never repeats a lastUpdated.
  tick: () => new Promise((resolve) => setTimeout(resolve, 5)),
  editRemote: async (_type, id, fields) =>
    void (await items().updateItem(server.fixture.blogId, id, { fieldData: { name: fields.title } as never })),
  trashRemote: async (_type, id) => void (await items().updateItem(server.fixture.blogId, id, { isArchived: true })),
  deleteRemote: async (_type, id) => void (await items().deleteItem(server.fixture.blogId, id)),
  signDelivery: ({ externalId }, secret) => {
    const now = new Date().toISOString();
    const item = {
      id: externalId,
      cmsLocaleId: "x",
      lastPublished: null,
      lastUpdated: now,
      createdOn: now,
      isArchived: false,
      isDraft: true,
      fieldData: { name: "x", slug: "x" },
    };
    const raw = itemEvent("collection_item_changed", "site", "collection", item);
    return { raw, headers: new Headers(signWebflow(raw, secret)) };
  },
  cleanup: async ({ items: made }) => {
    for (const [, id] of made)
      await items()
        .deleteItem(server.fixture.blogId, id)
        .catch(() => {});
  },
  isExactGuard: false,
  reportsDeletions: false,
  repeatsRecentUnchanged: false,
};

describeAdapterContract("Webflow (test server, spec-validated)", subject);
