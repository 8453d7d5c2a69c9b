import { expect, type APIRequestContext } from "@playwright/test";
import { uniqueName, wpRest, type WordPressTestSite } from "../../test/support/wordpress";

/** A published item, then edited here and (a second later, WordPress keeps seconds) in WordPress; publishing again meets the conflict. */
export async function makeConflict(api: APIRequestContext, site: WordPressTestSite) {
  const created = await api.post("/api/v1/sites/", { data: { name: uniqueName("Conflicted blog"), url: site.url } });
  const { id: siteId } = await created.json();
  const res = await api.post("/api/v1/integration/", {
    data: {
      site_id: siteId,
      platform: "wordpress",
      external_site_url: site.url,
      username: site.username,
      application_password: site.applicationPassword,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const integrationId = (await res.json()).id as string;
  const title = uniqueName("Both sides");
  const item = await (
    await api.post(`/api/v1/sites/${siteId}/content/`, {
      data: { title, content: "<p>The quick brown fox</p>", excerpt: "Base", status: "approved" },
    })
  ).json();
  const published = await (await api.post(`/api/v1/content/${item.id}/publish/`)).json();
  expect(published.sync_state).toBe("synced");
  await new Promise((r) => setTimeout(r, 1100));
  expect(
    (
      await api.patch(`/api/v1/content/${item.id}/`, {
        data: { title: `${title} in IGNY8`, content: "<p>The quick red fox</p>" },
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await wpRest(site, "POST", `/wp/v2/posts/${published.wordpress_id}`, {
        json: { title: `${title} in WordPress`, excerpt: "Changed in WordPress" },
      })
    ).status,
  ).toBe(200);
  const again = await (await api.post(`/api/v1/content/${item.id}/publish/`)).json();
  expect(again.sync_state).toBe("conflict");
  const list = await (await api.get(`/api/v1/integration/${integrationId}/conflicts/?status=open`)).json();
  expect(list.count).toBe(1);
  return {
    siteId,
    integrationId,
    contentId: item.id as string,
    wordpressId: published.wordpress_id as number,
    title,
    conflictId: list.results[0].id as string,
  };
}
