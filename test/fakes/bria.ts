import { startFakeServer, truncatedJson, type FakeServer } from "./server";

/** Pipelines and model versions the fake Bria serves. */
export const briaFakeModels = ["base/2.3", "fast/2.3", "base/2.2"];

/**
 * Speaks Bria's v1 API: header `api_token`; GET /v1/tailored-gen/models;
 * POST /v1/text-to-image/{base|fast}/{version} answering `{result: [{urls: [...]}]}` with a URL
 * on this server from which the image is downloaded.
 */
export function startBriaFake(validKey = "bria-test-good-key-3456"): Promise<FakeServer> {
  return startFakeServer(validKey, (req, reply, fake) => {
    if (req.headers["api_token"] !== fake.validKey)
      return reply.json(401, { message: "Unauthorized: invalid api_token" });
    if (fake.mode === "rate_limited") return reply.json(429, { message: "Too Many Requests" }, { "retry-after": "30" });
    if (fake.mode === "quota") return reply.json(402, { message: "Payment required: usage limit reached" });
    if (fake.mode === "server_error") return reply.json(502, { message: "Bad gateway" });
    if (fake.mode === "malformed") return reply.text(200, truncatedJson, "application/json");

    if (req.method === "GET" && req.path === "/v1/tailored-gen/models") {
      return reply.json(200, [{ id: 1, name: "Brand style", status: "Completed" }]);
    }
    const match = /^\/v1\/text-to-image\/(\w+\/[\d.]+)$/.exec(req.path);
    if (req.method === "POST" && match) {
      if (!briaFakeModels.includes(match[1]))
        return reply.json(404, { message: `Model version ${match[1]} not found` });
      return reply.json(200, {
        result: [{ urls: [`${fake.origin}/files/bria-result.png`], seed: 42, uuid: "fake-uuid" }],
      });
    }
    return reply.json(404, { message: "Not found" });
  });
}
