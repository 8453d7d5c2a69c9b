import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { makeConflict } from "../support/conflicts";
import { wpRest, type WordPressTestSite } from "../../test/support/wordpress";

/** The conflicts API against the real WordPress (with the IGNY8 plugin): detect, read, resolve, policy. */
const wp: WordPressTestSite | undefined =
  process.env.WP_TEST_URL && process.env.WP_TEST_USERNAME && process.env.WP_TEST_APP_PASSWORD
    ? {
        url: process.env.WP_TEST_URL.replace(/\/+$/, ""),
        username: process.env.WP_TEST_USERNAME,
        applicationPassword: process.env.WP_TEST_APP_PASSWORD,
      }
    : undefined;
if (!wp) console.log("Skipping conflicts API tests: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");

test.describe("conflicts API with a real WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  test.setTimeout(120_000);
  const site = wp!;

  test("publish over a WordPress edit: a conflict with both versions field by field; resolve keeps WordPress's; health and later publishes are quiet", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "conflicts-api");
    const { integrationId, contentId, wordpressId, title, conflictId } = await makeConflict(api, site);
    expect(
      (
        await wpRest<{ title: { raw: string } }>(site, "GET", `/wp/v2/posts/${wordpressId}`, {
          query: { context: "edit" },
        })
      ).data.title.raw,
    ).toBe(`${title} in WordPress`);
    expect((await (await api.get(`/api/v1/integration/${integrationId}/sync_health/`)).json()).open_conflicts).toBe(1);

    const detail = await (await api.get(`/api/v1/conflicts/${conflictId}/`)).json();
    expect(detail).toMatchObject({
      status: "open",
      content_id: contentId,
      detected_by: "push:plugin",
      exact_detection: true,
      igny8: { title: `${title} in IGNY8` },
      wordpress: { title: `${title} in WordPress`, excerpt: "Changed in WordPress" },
    });
    const changed = Object.fromEntries(
      detail.fields.map((f: { field: string; changed_in: string }) => [f.field, f.changed_in]),
    );
    expect(changed).toMatchObject({ title: "both", excerpt: "wordpress", content: "igny8", slug: "none" });
    expect(detail.base.fields).toMatchObject({ title, excerpt: "Base" });

    for (const [body, message] of [
      [{ choice: "mine" }, "choice: must be igny8, wordpress or merged"],
      [{ choice: "merged" }, "merged: is required when choice is merged"],
      [{ choice: "merged", merged: { title: "" } }, "merged.title: must not be empty"],
    ] as const) {
      const bad = await api.post(`/api/v1/conflicts/${conflictId}/resolve/`, { data: body });
      expect(bad.status()).toBe(422);
      expect((await bad.json()).error).toMatchObject({ code: "validation_error", message });
    }

    const resolved = await api.post(`/api/v1/conflicts/${conflictId}/resolve/`, { data: { choice: "wordpress" } });
    expect(resolved.status(), await resolved.text()).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: "resolved", resolution: "wordpress" });
    const item = await (await api.get(`/api/v1/content/${contentId}/`)).json();
    expect(item).toMatchObject({
      title: `${title} in WordPress`,
      excerpt: "Changed in WordPress",
      sync_state: "synced",
    });
    expect((await (await api.get(`/api/v1/integration/${integrationId}/sync_health/`)).json()).open_conflicts).toBe(0);
    expect((await api.post(`/api/v1/conflicts/${conflictId}/resolve/`, { data: { choice: "igny8" } })).status()).toBe(
      409,
    );
    const republished = await (await api.post(`/api/v1/content/${contentId}/publish/`)).json();
    expect(republished.sync_state).toBe("synced");
    expect((await (await api.get(`/api/v1/integration/${integrationId}/conflicts/`)).json()).count).toBe(1);
  });

  test("merged: the picked fields reach WordPress and IGNY8", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "conflicts-merge");
    const { contentId, wordpressId, title, conflictId } = await makeConflict(api, site);
    const res = await api.post(`/api/v1/conflicts/${conflictId}/resolve/`, {
      data: { choice: "merged", merged: { title: `${title} merged`, excerpt: "Changed in WordPress" } },
    });
    expect(res.status(), await res.text()).toBe(200);
    const post = (
      await wpRest<{ title: { raw: string }; excerpt: { raw: string }; content: { raw: string } }>(
        site,
        "GET",
        `/wp/v2/posts/${wordpressId}`,
        { query: { context: "edit" } },
      )
    ).data;
    expect({ title: post.title.raw, excerpt: post.excerpt.raw, content: post.content.raw }).toEqual({
      title: `${title} merged`,
      excerpt: "Changed in WordPress",
      content: "<p>The quick red fox</p>",
    });
    expect(await (await api.get(`/api/v1/content/${contentId}/`)).json()).toMatchObject({
      title: `${title} merged`,
      sync_state: "synced",
    });
  });

  test("policy: read, change, bad value; another account gets 404 for the conflict and its resolve", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "conflicts-policy");
    const { integrationId, conflictId } = await makeConflict(api, site);
    expect(await (await api.get(`/api/v1/integration/${integrationId}/conflict_policy/`)).json()).toMatchObject({
      policy: "manual",
      open_conflicts: 1,
    });
    const set = await api.patch(`/api/v1/integration/${integrationId}/conflict_policy/`, {
      data: { policy: "newest_wins" },
    });
    expect(await set.json()).toMatchObject({ policy: "newest_wins" });
    const bad = await api.patch(`/api/v1/integration/${integrationId}/conflict_policy/`, {
      data: { policy: "coin_toss" },
    });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.message).toMatch(/^policy: must be one of manual/);
    const badStatus = await api.get(`/api/v1/integration/${integrationId}/conflicts/?status=maybe`);
    expect(badStatus.status()).toBe(422);

    const intruder = await createTenant(baseURL!, "conflicts-intruder");
    for (const res of [
      await intruder.api.get(`/api/v1/conflicts/${conflictId}/`),
      await intruder.api.post(`/api/v1/conflicts/${conflictId}/resolve/`, { data: { choice: "igny8" } }),
    ]) {
      expect(res.status()).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    expect((await (await api.get(`/api/v1/conflicts/${conflictId}/`)).json()).status).toBe("open");
  });
});
