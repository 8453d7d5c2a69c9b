import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { egressFetch } from "@/lib/server/egress";
import { ghostAdapter } from "./index";
import { allowEgressTo, getGhostTestSite } from "./testing/fixture";

const ghost = getGhostTestSite();

/** A web server that is not Ghost 5: a plain site, or a Ghost 4 answering /site/. */
function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  const url = new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
  return { url: url.then((u) => (allowEgressTo(u), u)), close: () => server.close() };
}

describe.skipIf(!ghost)("Ghost: the connection doctor", () => {
  const site = ghost!;
  const good = { admin_api_key: site?.adminApiKey };
  const doctor = (siteUrl: string, credentials: Record<string, string> = good) =>
    ghostAdapter.doctor({ siteUrl, credentials, http: egressFetch });
  const plain = serve((_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<html>Not here</html>"));
  const old = serve((_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end('{"site":{"title":"Old","version":"4.48"}}'),
  );
  afterAll(() => [plain, old].forEach((s) => s.close()));

  it("connects with a good key and reports the version", async () => {
    expect(await doctor(`${site.url}/ghost/`)).toMatchObject({
      connected: true,
      site: { version: expect.stringMatching(/^5\./), restUrl: `${site.url}/ghost/api/admin/` },
    });
  });

  it("names each problem with a fix", async () => {
    const [id, secret] = site.adminApiKey.split(":");
    const cases: Array<[Promise<unknown>, Record<string, unknown>]> = [
      [doctor(site.url, { admin_api_key: "not-a-key" }), { code: "invalid_key_format" }],
      [doctor(site.url, { admin_api_key: `${id}:${"0".repeat(64)}` }), { code: "auth_failed", reason: "INVALID_JWT" }],
      [
        doctor(site.url, { admin_api_key: `${"0".repeat(24)}:${secret}` }),
        { code: "auth_failed", reason: "unknown_key" },
      ],
      [doctor(await plain.url), { code: "not_ghost" }],
      [doctor(await old.url), { code: "ghost_too_old", site: { version: "4.48" } }],
      [(allowEgressTo("http://127.0.0.1:9"), doctor("http://127.0.0.1:9")), { code: "unreachable" }],
      [doctor("http://10.255.255.1"), { code: "blocked_address" }],
      [doctor("ftp://example.com"), { code: "invalid_url" }],
    ];
    for (const [report, expected] of cases)
      expect(await report).toMatchObject({ connected: false, ...expected, fix: expect.any(String) });
  });
});
