/**
 * Serves the four provider fakes behind one port for the e2e server (see playwright.config.ts):
 *   /openai/v1/...  /anthropic/v1/...  /runware/v1  /bria/v1/...   and GET /health.
 * Each fake accepts its default key (startOpenAiFake() etc.). Usage: tsx test/fakes/serve.ts PORT
 */
import http from "node:http";
import { startAnthropicFake } from "./anthropic";
import { startBriaFake } from "./bria";
import { startOpenAiFake } from "./openai";
import { startRunwareFake } from "./runware";

const port = Number(process.argv[2] ?? process.env.FAKES_PORT ?? 3190);

async function main() {
  const fakes: Record<string, { origin: string }> = {
    openai: await startOpenAiFake(),
    anthropic: await startAnthropicFake(),
    runware: await startRunwareFake(),
    bria: await startBriaFake(),
  };
  const server = http.createServer((req, res) => {
    const match = /^\/(openai|anthropic|runware|bria)(\/.*)?$/.exec(req.url ?? "");
    if (!match) {
      res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "text/plain" });
      res.end(req.url === "/health" ? "ok" : "not found");
      return;
    }
    const target = new URL(match[2] ?? "/", fakes[match[1]].origin);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.listen(port, "127.0.0.1", () => console.log(`[fakes] provider fakes on http://127.0.0.1:${port}`));
}

void main();
