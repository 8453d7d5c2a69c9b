import { expect, test, type APIResponse } from "@playwright/test";
import { createTenant } from "../support/tenant";
import {
  canReachServerDatabase,
  makeApplicationPasswordUnreadable,
  serverKeyId,
  type UnreadableKind,
} from "../support/stored-secrets";
import { uniqueName } from "../../test/support/wordpress";

const url = process.env.WP_TEST_URL?.replace(/\/+$/, "");
const username = process.env.WP_TEST_USERNAME;
const applicationPassword = process.env.WP_TEST_APP_PASSWORD;
if (!canReachServerDatabase) {
  console.log(
    "Skipping the unreadable-credentials API tests: the embedded database belongs to the server (lib/server/services/credentials-unreadable-*.test.ts covers the same routes on it).",
  );
}

async function expectUnreadable(res: APIResponse, kind: UnreadableKind) {
  const body = await res.json();
  expect(res.status(), JSON.stringify(body)).toBe(422);
  expect(body.error).toMatchObject({
    code: "credentials_unreadable",
    message: expect.stringContaining("WordPress Application Password cannot be decrypted"),
  });
  expect(body.error.fix).toContain("Re-enter the Application Password (Integrations → Edit)");
  expect(body.error.fix).toContain(
    kind === "key-less"
      ? 'put key "gone" back in ENCRYPTION_KEYS'
      : `put the original key "${serverKeyId()}" back in ENCRYPTION_KEYS`,
  );
  expect(JSON.stringify(body)).not.toMatch(/SecretBoxError|failed authentication|v1\./);
  return body.error;
}

test.describe("a stored Application Password that no longer decrypts", () => {
  test.skip(!canReachServerDatabase, "the e2e server runs on the embedded database");
  test.skip(!url || !username || !applicationPassword, "WP_TEST_URL is not set");

  for (const kind of ["tampered", "key-less"] as const) {
    test(`${kind}: test_connection and GET webhooks say credentials_unreadable, the integration is in error, the password repairs it`, async ({
      baseURL,
    }) => {
      const { api } = await createTenant(baseURL!, "creds");
      const site = await (await api.post("/api/v1/sites/", { data: { name: uniqueName("Unreadable"), url } })).json();
      const connected = await api.post("/api/v1/integration/", {
        data: {
          site_id: site.id,
          platform: "wordpress",
          external_site_url: url,
          username,
          application_password: applicationPassword,
        },
      });
      expect(connected.status(), await connected.text()).toBe(201);
      const { id } = await connected.json();
      await makeApplicationPasswordUnreadable(id, kind);

      await expectUnreadable(await api.post(`/api/v1/integration/${id}/test_connection/`), kind);
      expect(await (await api.get(`/api/v1/integration/${id}/`)).json()).toMatchObject({
        connection_status: "error",
        connection_error_code: "credentials_unreadable",
      });
      await expectUnreadable(await api.get(`/api/v1/integration/${id}/webhooks/`), kind);

      const renamed = await expectUnreadable(
        await api.patch(`/api/v1/integration/${id}/`, { data: { username: "someone-else" } }),
        kind,
      );
      expect(renamed.details).toEqual([
        { field: "application_password", message: expect.stringContaining("is required") },
      ]);

      const repaired = await api.patch(`/api/v1/integration/${id}/`, {
        data: { application_password: applicationPassword },
      });
      expect(repaired.status(), await repaired.text()).toBe(200);
      expect(await repaired.json()).toMatchObject({
        connection_status: "connected",
        connection_error_code: null,
        credentials: { username },
      });
      expect(await (await api.post(`/api/v1/integration/${id}/test_connection/`)).json()).toMatchObject({
        connected: true,
      });
    });
  }
});
