import { expect, test, type APIRequestContext } from "@playwright/test";
import { ghostTestInfo } from "../support/env";
import { ghostAdmin } from "../support/ghost";
import { createTenant } from "../support/tenant";

// Ghost's own webhooks, set up by IGNY8 (on connect, or here by Install webhooks), processed by the running app's job queue:
// what a Ghost user does reaches IGNY8 within seconds, with nobody asking for a sync.
const ghost = ghostTestInfo();
test.skip(!ghost, "GHOST_TEST_INFO is not set");
test.describe.configure({ mode: "serial" });

let api: APIRequestContext;
let integrationId: string;
let siteId: string;

/** A Ghost user's own Admin API call (a successful one): its JSON, or nothing for 204. */
async function ghostApi(method: string, path: string, body?: unknown) {
  const res = await ghostAdmin(ghost!, method, path, body);
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.status === 204 ? undefined : ((await res.json()) as { posts: Array<Record<string, string>> });
}

/** Polls our API until `check` passes: "within seconds" means 10 here. */
async function eventually<T>(fn: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const findContent = async (title: string) => {
  const page = await (await api.get(`/api/v1/sites/${siteId}/content/?search=${encodeURIComponent(title)}`)).json();
  return page.results?.[0];
};
const contentOf = async (id: string) => (await api.get(`/api/v1/content/${id}/`)).json();

test("Install webhooks sets up Ghost's webhooks", async ({ baseURL }) => {
  ({ api } = await createTenant(baseURL!, "ghost-hooks"));
  const site = await (await api.post("/api/v1/sites/", { data: { name: "Ghost hooked", url: ghost!.url } })).json();
  siteId = site.id;
  const connected = await api.post("/api/v1/integration/", {
    data: {
      site_id: site.id,
      platform: "ghost",
      external_site_url: ghost!.url,
      credentials: { admin_api_key: ghost!.adminApiKey },
    },
  });
  expect(connected.status(), await connected.text()).toBe(201);
  integrationId = (await connected.json()).id;
  // The test server leaves webhooks to "Install webhooks" (the shared WordPress's plugin has one address).
  const installed = await api.post(`/api/v1/integration/${integrationId}/webhooks/`);
  expect(installed.status(), await installed.text()).toBe(200);
  const status = await (await api.get(`/api/v1/integration/${integrationId}/webhooks/`)).json();
  expect(status.plugin).toMatchObject({ installed: true, points_here: true });
  // Ghost never retries a delivery: the dashboard says what catches a lost one.
  expect(status.plugin.message).toMatch(/scheduled sync catches/);
});

test("a post written, edited and deleted in Ghost is reflected within 10 s", async () => {
  const title = `Ghost hooked ${Date.now()}`;
  const created = await ghostApi("POST", "posts/?source=html", {
    posts: [{ title, html: "<p>first</p>", status: "published" }],
  });
  const post = created!.posts[0];
  const item = await eventually(
    () => findContent(title),
    (c) => !!c,
  );
  expect(item).toMatchObject({ title, status: "published" });

  await new Promise((r) => setTimeout(r, 1100)); // a later second than the creation
  await ghostApi("PUT", `posts/${post.id}/?source=html`, {
    posts: [{ title: `${title} (edited)`, html: "<p>second</p>", updated_at: post.updated_at }],
  });
  const edited = await eventually(
    () => contentOf(item.id),
    (c) => c.title === `${title} (edited)`,
  );
  expect(edited).toMatchObject({ title: `${title} (edited)`, sync_state: "synced" });
  expect(edited.content).toContain("second");

  await ghostApi("DELETE", `posts/${post.id}/`);
  const deleted = await eventually(
    () => contentOf(item.id),
    (c) => c.sync_state === "remote_deleted",
  );
  expect(deleted.sync_state).toBe("remote_deleted");
});

test("our own publish is not re-imported from its webhook echo", async () => {
  const title = `Pushed to Ghost ${Date.now()}`;
  const created = await (
    await api.post(`/api/v1/sites/${siteId}/content/`, {
      data: { title, content: "<p>from IGNY8</p>", status: "approved" },
    })
  ).json();
  const published = await api.post(`/api/v1/content/${created.id}/publish/`);
  expect(published.status(), await published.text()).toBe(200);
  const externalId = (await published.json()).external_id;
  expect(externalId).toMatch(/^[0-9a-f]{24}$/);
  await new Promise((r) => setTimeout(r, 4000)); // the echo arrives and is processed meanwhile
  const events = await (
    await api.get(`/api/v1/integration/${integrationId}/sync_events/?event_type=webhook&page_size=100`)
  ).json();
  expect(events.results.filter((e: { external_id: string }) => e.external_id === externalId)).toEqual([]);
  const after = await contentOf(created.id);
  expect(after).toMatchObject({ title, sync_state: "synced" });
  await ghostApi("DELETE", `posts/${externalId}/`);
});
