import diagnostics from "node:diagnostics_channel";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EgressError, egressFetch, isPublicAddress } from "@/lib/server/egress";
import { startServer, type TestServer } from "@/test/support/proxy";

let trap: TestServer; // on a port never allowed: must see no connection at all
let allowed: TestServer; // allow-listed: redirects, echoes headers, slow and big answers
let other: TestServer; // a second allow-listed origin
const savedAllow = process.env.EGRESS_ALLOW;

const connectedTo: string[] = [];
const onConnected = (evt: unknown) => {
  const { connectParams } = evt as { connectParams: { hostname: string; port: string } };
  connectedTo.push(`${connectParams.hostname}:${connectParams.port}`);
};

beforeAll(async () => {
  trap = await startServer((_req, res) => res.end("reached"));
  other = await startServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null }));
  });
  allowed = await startServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const to = url.searchParams.get("to");
    if (url.pathname === "/redirect" && to) {
      res.writeHead(Number(url.searchParams.get("status") ?? 302), { location: to }).end();
    } else if (url.pathname === "/echo") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method, authorization: req.headers.authorization ?? null }));
    } else if (url.pathname === "/slow") {
      setTimeout(() => res.end("late"), 2_000);
    } else if (url.pathname === "/big") {
      res.write(Buffer.alloc(600_000, 97)); // no content-length: the cap must count the stream
      res.end(Buffer.alloc(600_000, 97));
    } else if (url.pathname === "/packed") {
      // As a CDN answers: compressed only when asked for, the coding named in the header.
      const wanted = String(req.headers["accept-encoding"] ?? "");
      const coding = url.searchParams.get("coding") ?? "gzip";
      const json = JSON.stringify({
        articles: Array.from({ length: 200 }, (_, i) => ({ id: i, body: "é".repeat(100) })),
      });
      if (!wanted.includes(coding)) return res.end(json);
      const packed = coding === "br" ? zlib.brotliCompressSync(json) : zlib.gzipSync(json);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": coding }).end(packed);
    } else if (url.pathname === "/bomb") {
      res.writeHead(200, { "content-encoding": "gzip" }).end(zlib.gzipSync(Buffer.alloc(5_000_000)));
    } else if (url.pathname === "/cut") {
      res.writeHead(200, { "content-length": "100000" });
      res.write(Buffer.alloc(1_000, 97), () => res.destroy());
    } else if (url.pathname === "/type") {
      res.end(JSON.stringify({ type: req.headers["content-type"] ?? null }));
    } else if (url.pathname === "/loop") {
      res.writeHead(302, { location: "/loop" }).end();
    } else {
      res.end("ok");
    }
  });
  process.env.EGRESS_ALLOW = `127.0.0.1:${allowed.port}, 127.0.0.1:${other.port}`;
  diagnostics.subscribe("undici:client:connected", onConnected);
});

afterEach(() => {
  process.env.EGRESS_ALLOW = `127.0.0.1:${allowed.port}, 127.0.0.1:${other.port}`;
});

afterAll(async () => {
  diagnostics.unsubscribe("undici:client:connected", onConnected);
  process.env.EGRESS_ALLOW = savedAllow;
  await Promise.all([trap?.close(), allowed?.close(), other?.close()]);
});

async function expectBlocked(promise: Promise<unknown>, host: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EgressError);
  expect((err as EgressError).code).toBe("blocked_address");
  expect((err as EgressError).message).toContain(host);
}

describe("egressFetch blocks non-public targets before any connection", () => {
  const cases: Array<[label: string, url: () => string, host: string]> = [
    ["10/8", () => "http://10.0.0.1/", "10.0.0.1"],
    ["10/8 high end", () => "http://10.255.255.254:8080/admin", "10.255.255.254"],
    ["172.16/12", () => "http://172.16.0.1/", "172.16.0.1"],
    ["172.31 (still /12)", () => "https://172.31.255.1/", "172.31.255.1"],
    ["192.168/16", () => "http://192.168.1.1/", "192.168.1.1"],
    ["127.0.0.1 on a port not allowed", () => `http://127.0.0.1:${trap.port}/`, "127.0.0.1"],
    ["127.0.0.2 (loopback /8)", () => `http://127.0.0.2:${trap.port}/`, "127.0.0.2"],
    ["cloud metadata 169.254.169.254", () => "http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["IPv6 loopback [::1]", () => `http://[::1]:${trap.port}/`, "::1"],
    ["IPv4-mapped IPv6 [::ffff:127.0.0.1]", () => `http://[::ffff:127.0.0.1]:${trap.port}/`, "::ffff:7f00:1"],
    ["ULA [fc00::1]", () => "http://[fc00::1]/", "fc00::1"],
    ["link-local IPv6 [fe80::1]", () => "http://[fe80::1]/", "fe80::1"],
    ["unspecified 0.0.0.0", () => `http://0.0.0.0:${trap.port}/`, "0.0.0.0"],
    ["unspecified IPv6 [::]", () => `http://[::]:${trap.port}/`, "::"],
    ["decimal 2130706433", () => `http://2130706433:${trap.port}/`, "127.0.0.1"],
    ["octal 0177.0.0.1", () => `http://0177.0.0.1:${trap.port}/`, "127.0.0.1"],
    ["hex 0x7f.0.0.1", () => `http://0x7f.0.0.1:${trap.port}/`, "127.0.0.1"],
    ["hex 0x7f000001", () => `http://0x7f000001:${trap.port}/`, "127.0.0.1"],
    ["short form 127.1", () => `http://127.1:${trap.port}/`, "127.0.0.1"],
    ["decimal 167772161 (10.0.0.1)", () => "http://167772161/", "10.0.0.1"],
    ["carrier-grade NAT 100.64.0.1", () => "http://100.64.0.1/", "100.64.0.1"],
    ["multicast 224.0.0.1", () => "http://224.0.0.1/", "224.0.0.1"],
    ["broadcast 255.255.255.255", () => "http://255.255.255.255/", "255.255.255.255"],
    ["NAT64 [64:ff9b::7f00:1]", () => "http://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1"],
    ["localhost (resolves to loopback)", () => `http://localhost:${trap.port}/`, "localhost"],
  ];

  it.each(cases)("%s", async (_label, url, host) => {
    const before = connectedTo.length;
    await expectBlocked(egressFetch(url()), host);
    expect(connectedTo.slice(before)).toEqual([]);
    expect(trap.connections()).toBe(0);
  });

  it("a hostname that a custom resolver maps to a private address", async () => {
    const resolveHost = async () => [{ address: "127.0.0.1", family: 4 }];
    await expectBlocked(egressFetch(`http://intranet.example:${trap.port}/`, { resolveHost }), "intranet.example");
    expect(trap.connections()).toBe(0);
  });

  it("a hostname with one public and one private address (rebinding pair) is refused", async () => {
    const resolveHost = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    await expectBlocked(egressFetch(`http://rebind.example:${trap.port}/`, { resolveHost }), "rebind.example");
    expect(trap.connections()).toBe(0);
  });

  it("a redirect from an allowed server to a blocked address stops at the hop", async () => {
    const to = encodeURIComponent(`http://127.0.0.1:${trap.port}/secret`);
    await expectBlocked(egressFetch(`${allowed.url}/redirect?to=${to}`), "127.0.0.1");
    const meta = encodeURIComponent("http://169.254.169.254/latest/meta-data/");
    await expectBlocked(egressFetch(`${allowed.url}/redirect?status=307&to=${meta}`), "169.254.169.254");
    const mapped = encodeURIComponent(`http://2130706433:${trap.port}/`);
    await expectBlocked(egressFetch(`${allowed.url}/redirect?status=301&to=${mapped}`), "127.0.0.1");
    expect(allowed.requests.filter((r) => r.url.startsWith("/redirect")).length).toBeGreaterThanOrEqual(3);
    expect(trap.connections()).toBe(0);
  });

  it("the allow-list is read on every call: removing an entry blocks it again", async () => {
    const res = await egressFetch(`${allowed.url}/`);
    expect(await res.text()).toBe("ok");
    process.env.EGRESS_ALLOW = "";
    await expectBlocked(egressFetch(`${allowed.url}/`), "127.0.0.1");
  });

  it("non-http schemes and URLs with credentials are invalid", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.com/",
      "gopher://127.0.0.1/",
      `http://u:p@127.0.0.1:${allowed.port}/`,
      "not a url",
    ]) {
      const err = await egressFetch(url).catch((e: unknown) => e);
      expect((err as EgressError).code, url).toBe("invalid_url");
    }
  });

  it("isPublicAddress accepts public unicast only", () => {
    expect(isPublicAddress("93.184.216.34")).toBe(true);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
    for (const ip of ["127.0.0.1", "10.1.2.3", "::1", "::ffff:8.8.8.8", "fd12::1", "169.254.0.1", "not-an-ip"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });
});

describe("egressFetch on allowed targets", () => {
  it("follows redirects by hand, keeping Authorization on the same origin only", async () => {
    const same = await egressFetch(`${allowed.url}/redirect?to=/echo`, {
      headers: { authorization: "Basic c2VjcmV0" },
    });
    expect(same.url).toBe(`${allowed.url}/echo`);
    expect((await same.json()).authorization).toBe("Basic c2VjcmV0");

    const cross = await egressFetch(`${allowed.url}/redirect?to=${encodeURIComponent(`${other.url}/`)}`, {
      headers: { authorization: "Basic c2VjcmV0", cookie: "session=1" },
    });
    expect(await cross.json()).toEqual({ authorization: null, cookie: null });
  });

  it("a 303 turns a POST into a GET; a 307 keeps it", async () => {
    const see = await egressFetch(`${allowed.url}/redirect?status=303&to=/echo`, { method: "POST", body: "x" });
    expect((await see.json()).method).toBe("GET");
    const temp = await egressFetch(`${allowed.url}/redirect?status=307&to=/echo`, { method: "POST", body: "x" });
    expect((await temp.json()).method).toBe("POST");
  });

  it("stops after maxRedirects", async () => {
    const err = await egressFetch(`${allowed.url}/loop`, { maxRedirects: 3 }).catch((e: unknown) => e);
    expect((err as EgressError).code).toBe("too_many_redirects");
  });

  it("times out as unreachable/timeout", async () => {
    const err = await egressFetch(`${allowed.url}/slow`, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unreachable", reason: "timeout", retryable: true });
  });

  it("caps the streamed body size", async () => {
    const err = await egressFetch(`${allowed.url}/big`, { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "response_too_large" });
    const ok = await egressFetch(`${allowed.url}/big`, { maxBytes: 2_000_000 });
    expect((await ok.arrayBuffer()).byteLength).toBe(1_200_000);
  });

  it("caps a body sent through fetch (a streamed request) too, as it is read", async () => {
    const upload = new Blob(["x"]);
    const res = await egressFetch(`${allowed.url}/big`, { method: "POST", body: upload, maxBytes: 1_000_000 });
    expect(await res.text().catch((e: unknown) => e)).toMatchObject({ code: "response_too_large" });
  });

  it.each(["gzip", "br"])("asks for compressed answers and unpacks %s as fetch does", async (coding) => {
    const res = await egressFetch(`${allowed.url}/packed?coding=${coding}`);
    expect(res.headers.get("content-encoding")).toBe(coding);
    const json = (await res.json()) as { articles: Array<{ id: number; body: string }> };
    expect(json.articles).toHaveLength(200);
    expect(json.articles[199]).toEqual({ id: 199, body: "é".repeat(100) });
  });

  it("caps a compressed answer by its unpacked size", async () => {
    const err = await egressFetch(`${allowed.url}/bomb`, { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "response_too_large" });
  });

  it("an answer cut short is a reset connection, retryable", async () => {
    const err = await egressFetch(`${allowed.url}/cut`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unreachable", reason: "reset", retryable: true });
  });

  it("a string body without a content type goes as text/plain, as with fetch", async () => {
    const plain = await egressFetch(`${allowed.url}/type`, { method: "POST", body: "hello" });
    expect(await plain.json()).toEqual({ type: "text/plain;charset=UTF-8" });
    const json = await egressFetch(`${allowed.url}/type`, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    expect(await json.json()).toEqual({ type: "application/json" });
  });

  it("maps a refused connection and a failed DNS lookup to unreachable", async () => {
    const closed = await startServer(() => {});
    const port = closed.port;
    await closed.close();
    process.env.EGRESS_ALLOW = `127.0.0.1:${port}`;
    const refused = await egressFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "unreachable", reason: "refused" });
    expect((refused as Error).message).toContain(`127.0.0.1:${port}`);

    const resolveHost = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND no-such-site.example"), { code: "ENOTFOUND" });
    };
    const dnsErr = await egressFetch("https://no-such-site.example/", { resolveHost }).catch((e: unknown) => e);
    expect(dnsErr).toMatchObject({ code: "unreachable", reason: "dns" });
    expect((dnsErr as Error).message).toContain("no-such-site.example");
  });
});
