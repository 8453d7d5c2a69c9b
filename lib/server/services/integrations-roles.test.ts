import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys, memberships } from "@/db/tables";
import { createIntegration } from "@/db/queries/integrations";
import { createSite } from "@/lib/server/services/sites";
import { createTestTenant } from "@/test/support/db";
import * as collection from "@/app/api/v1/integration/route";
import * as one from "@/app/api/v1/integration/[id]/route";
import * as testConnection from "@/app/api/v1/integration/[id]/test_connection/route";
import * as updateStructure from "@/app/api/v1/integration/[id]/update_structure/route";
import * as draft from "@/app/api/v1/integration/test_connection/route";
import * as authorize from "@/app/api/v1/integration/authorize/route";

/** An owner's account with one integration, and a second user who is a plain member of it. */
async function accountWithMember() {
  const owner = await createTestTenant("owner");
  const member = await createTestTenant("member");
  await member.db
    .update(memberships)
    .set({ accountId: owner.auth.accountId, role: "member" })
    .where(eq(memberships.userId, member.auth.userId));
  await member.db
    .update(apiKeys)
    .set({ accountId: owner.auth.accountId })
    .where(eq(apiKeys.userId, member.auth.userId));
  const site = await createSite(owner.db, owner.auth.accountId, {
    name: "Shared blog",
    url: "https://blog.example.com",
  });
  const integration = await createIntegration(owner.db, {
    accountId: owner.auth.accountId,
    siteId: site.id,
    externalSiteUrl: "https://blog.example.com",
  });
  return { owner, member, site, integration };
}

function call(
  route: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  key: string,
  {
    method = "GET",
    path = "/api/v1/integration/",
    id,
    body,
  }: { method?: string; path?: string; id?: string; body?: unknown },
) {
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const params: Record<string, string> = id ? { id } : {};
  return route(req, { params: Promise.resolve(params) });
}

describe("integration roles: members view, owners and admins change", () => {
  it("a member can list and read, and gets 403 for every change", async () => {
    const { member, site, integration } = await accountWithMember();
    const list = await call(collection.GET, member.apiKey, {});
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({
      count: 1,
      results: [{ id: integration.id, site_id: site.id, connection_status: "pending" }],
    });
    expect((await call(one.GET, member.apiKey, { id: integration.id })).status).toBe(200);

    const connection = { external_site_url: "https://blog.example.com", username: "u", application_password: "p" };
    const writes: Array<[string, Promise<Response>]> = [
      [
        "POST /integration/",
        call(collection.POST, member.apiKey, { method: "POST", body: { site_id: site.id, ...connection } }),
      ],
      [
        "PUT",
        call(one.PUT, member.apiKey, {
          method: "PUT",
          id: integration.id,
          body: { external_site_url: "https://x.example.com", username: "u" },
        }),
      ],
      ["PATCH", call(one.PATCH, member.apiKey, { method: "PATCH", id: integration.id, body: { is_active: false } })],
      ["DELETE", call(one.DELETE, member.apiKey, { method: "DELETE", id: integration.id })],
      ["test_connection", call(testConnection.POST, member.apiKey, { method: "POST", id: integration.id })],
      ["update_structure", call(updateStructure.POST, member.apiKey, { method: "POST", id: integration.id })],
      ["draft test", call(draft.POST, member.apiKey, { method: "POST", body: connection })],
      [
        "authorize",
        call(authorize.POST, member.apiKey, {
          method: "POST",
          body: { site_id: site.id, external_site_url: "https://blog.example.com" },
        }),
      ],
    ];
    for (const [what, pending] of writes) {
      const res = await pending;
      expect(res.status, what).toBe(403);
      expect((await res.json()).error.code, what).toBe("forbidden");
    }
    const after = await (await call(one.GET, member.apiKey, { id: integration.id })).json();
    expect(after).toMatchObject({ is_active: true, external_site_url: "https://blog.example.com" });
  });

  it("the owner's PATCH without connection changes does not re-test", async () => {
    const { owner, integration } = await accountWithMember();
    const res = await call(one.PATCH, owner.apiKey, {
      method: "PATCH",
      id: integration.id,
      body: { is_active: false, config_json: { note: "x" } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      is_active: false,
      config_json: { note: "x" },
      connection_status: "pending",
    });
    const empty = await call(one.PATCH, owner.apiKey, { method: "PATCH", id: integration.id, body: {} });
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.code).toBe("validation_error");
  });
});
