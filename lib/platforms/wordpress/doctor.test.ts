import { afterAll, describe, expect, it } from "vitest";
import { diagnoseConnection } from "@/lib/platforms/wordpress/doctor";
import { startAuthStrippingProxy, startProxy, startServer, startWafProxy, type TestServer } from "@/test/support/proxy";
import {
  allowEgressTo,
  createAppPassword,
  createUserWithAppPassword,
  getWordPressTestSite,
  revokeAppPassword,
  UNCONFIGURED_SITE,
} from "@/test/support/wordpress";

const site = getWordPressTestSite("pretty");
const plain = getWordPressTestSite("plain");

describe.skipIf(!site)("connection doctor against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it("connects with good credentials and reports user, capabilities and REST root", async () => {
    const result = await diagnoseConnection({
      siteUrl: wp.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    expect(result).toMatchObject({
      connected: true,
      wordpress: {
        restUrl: `${wp.url}/wp-json/`,
        user: { name: expect.any(String), roles: expect.arrayContaining(["administrator"]) },
        capabilities: { publish_posts: true, upload_files: true, manage_categories: true },
      },
    });
    expect(result.code).toBeUndefined();
    expect(result.wordpress.version).toMatch(/^\d+\.\d+/);
    expect(result.message).toContain("Connected");
  });

  it("accepts the URL with a trailing /wp-admin/ or without a scheme-less slash", async () => {
    const result = await diagnoseConnection({
      siteUrl: `${wp.url}/wp-admin/`,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    expect(result.connected).toBe(true);
  });

  it("wrong password → auth_failed, wrong credentials", async () => {
    const result = await diagnoseConnection({
      siteUrl: wp.url,
      username: wp.username,
      applicationPassword: "abcd efgh ijkl mnop qrst uvwx",
    });
    expect(result).toMatchObject({ connected: false, code: "auth_failed", reason: "wrong_credentials" });
    expect(result.fix).toContain("Application Password");
    expect(JSON.stringify(result)).not.toContain("abcd efgh");
  });

  it("a revoked Application Password → auth_failed, wrong credentials", async () => {
    const { uuid, password } = await createAppPassword(wp);
    const before = await diagnoseConnection({ siteUrl: wp.url, username: wp.username, applicationPassword: password });
    expect(before.connected).toBe(true);
    await revokeAppPassword(wp, uuid);
    const after = await diagnoseConnection({ siteUrl: wp.url, username: wp.username, applicationPassword: password });
    expect(after).toMatchObject({ connected: false, code: "auth_failed", reason: "wrong_credentials" });
    expect(after.message).toMatch(/revoked/);
  });

  it("a subscriber → insufficient_role, with what it cannot do", async () => {
    const user = await createUserWithAppPassword(wp, "subscriber");
    try {
      const result = await diagnoseConnection({
        siteUrl: wp.url,
        username: user.username,
        applicationPassword: user.applicationPassword,
      });
      expect(result).toMatchObject({
        connected: false,
        code: "insufficient_role",
        wordpress: { user: { roles: ["subscriber"] }, capabilities: { publish_posts: false, upload_files: false } },
      });
      expect(result.message).toContain("cannot publish posts or upload images");
      expect(result.fix).toMatch(/Editor or Administrator/);
    } finally {
      await user.remove();
    }
  });

  it("an author connects, with a note that it cannot create categories", async () => {
    const user = await createUserWithAppPassword(wp, "author");
    try {
      const result = await diagnoseConnection({
        siteUrl: wp.url,
        username: user.username,
        applicationPassword: user.applicationPassword,
      });
      expect(result.connected).toBe(true);
      expect(result.notes.some((n) => n.startsWith("no_manage_categories"))).toBe(true);
    } finally {
      await user.remove();
    }
  });

  it("a firewall answering 403 HTML → rest_blocked", async () => {
    const waf = await startWafProxy(wp.url);
    servers.push(waf);
    allowEgressTo(waf.url);
    const result = await diagnoseConnection({
      siteUrl: waf.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    expect(result).toMatchObject({ connected: false, code: "rest_blocked" });
    expect(result.fix).toMatch(/security plugin/i);
    expect(waf.requests.length).toBeGreaterThan(0);
  });

  it("a server stripping the Authorization header → auth_failed explaining the stripped header", async () => {
    const strip = await startAuthStrippingProxy(wp.url);
    servers.push(strip);
    allowEgressTo(strip.url);
    const result = await diagnoseConnection({
      siteUrl: strip.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    expect(result).toMatchObject({ connected: false, code: "auth_failed", reason: "header_stripped" });
    expect(result.message).toContain("strips the Authorization header");
    expect(result.fix).toContain("HTTP_AUTHORIZATION");
    // We did send the header; the proxy removed it on the way to WordPress.
    expect(strip.requests.some((r) => r.url.includes("users/me") && r.headers.authorization)).toBe(true);
  });

  it("Application Passwords unavailable (http site, not local) → app_passwords_unavailable", async () => {
    // What WordPress does without Application Passwords: the index lists no authentication
    // method and the Basic header is ignored. The proxy reproduces both in front of the fixture.
    const noAppPasswords = await startProxy(wp.url, {
      intercept: (req, res) => {
        if (!req.url?.startsWith("/wp-json/?")) return false;
        void fetch(`${wp.url}${req.url}`).then(async (up) => {
          const index = { ...(await up.json()), authentication: [] };
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(index));
        });
        return true;
      },
      rewriteHeaders: ({ authorization: _ignored, ...rest }) => rest,
    });
    servers.push(noAppPasswords);
    allowEgressTo(noAppPasswords.url);
    const result = await diagnoseConnection({
      siteUrl: noAppPasswords.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    expect(result).toMatchObject({ connected: false, code: "app_passwords_unavailable" });
    expect(result.message).toContain("HTTPS");
    expect(result.fix).toContain("HTTPS");
  });

  it("a server that is not WordPress → not_wordpress", async () => {
    const other = await startServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Just a static site</body></html>");
    });
    servers.push(other);
    allowEgressTo(other.url);
    const result = await diagnoseConnection({ siteUrl: other.url, username: "x", applicationPassword: "y" });
    expect(result).toMatchObject({ connected: false, code: "not_wordpress" });
  });

  it("nothing listening → unreachable (refused)", async () => {
    const gone = await startServer(() => {});
    await gone.close();
    allowEgressTo(gone.url);
    const result = await diagnoseConnection({ siteUrl: gone.url, username: "x", applicationPassword: "y" });
    expect(result).toMatchObject({ connected: false, code: "unreachable", reason: "refused" });
    expect(result.message).toContain("refused");
  });

  it("private and metadata addresses → blocked_address, no request sent", async () => {
    const trap = await startServer((_req, res) => res.end("reached"));
    servers.push(trap);
    for (const url of [
      `http://127.0.0.1:${trap.port}`,
      "http://169.254.169.254",
      "http://10.0.0.5",
      "http://[::1]:8080",
    ]) {
      const result = await diagnoseConnection({ siteUrl: url, username: "x", applicationPassword: "y" });
      expect(result, url).toMatchObject({ connected: false, code: "blocked_address" });
    }
    expect(trap.connections()).toBe(0);
  });

  it("a non-http URL → invalid_url", async () => {
    const result = await diagnoseConnection({ siteUrl: "ftp://example.com", username: "x", applicationPassword: "y" });
    expect(result).toMatchObject({ connected: false, code: "invalid_url" });
  });
});

describe.skipIf(!plain)("connection doctor with plain permalinks", () => {
  it("connects through ?rest_route= and says so in a note", async () => {
    const wp = plain ?? UNCONFIGURED_SITE;
    const result = await diagnoseConnection({
      siteUrl: wp.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    expect(result.connected).toBe(true);
    expect(result.wordpress.restUrl).toBe(`${wp.url}/index.php?rest_route=/`);
    expect(result.notes.some((n) => n.startsWith("plain_permalinks"))).toBe(true);
  });
});
