/**
 * The Webflow test server for the e2e app (see playwright.config.ts), on a fixed port so the app's
 * WEBFLOW_API_URL and EGRESS_ALLOW can name it before it starts. The spec-validated server listens on
 * a random port; this one forwards to it and adds GET /health and GET /__fixture (ids and tokens the
 * specs use). Usage: tsx e2e/support/webflow-server.ts PORT
 */
import http from "node:http";
import { startWebflowServer } from "../../lib/platforms/webflow/testing/server";

const port = Number(process.argv[2] ?? 3191);

async function main() {
  const server = await startWebflowServer();
  const origin = `http://127.0.0.1:${port}`;
  const fixture = { origin, apiBaseUrl: `${origin}/v2`, ...server.fixture };
  const target = new URL(server.origin);
  http
    .createServer((req, res) => {
      if (req.url === "/health") return void res.end("ok");
      if (req.url === "/__fixture")
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(fixture));
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (error) => res.writeHead(502).end(String(error)));
      req.pipe(upstream);
    })
    .listen(port, "127.0.0.1", () =>
      console.log(`[e2e] Webflow test server on ${origin} (forwarding to ${server.origin})`),
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
