import { startFakeServer, truncatedJson, type FakeServer } from "./server";

export const anthropicFakeModels = ["claude-3-5-sonnet-20241022", "claude-3-opus-20240229", "claude-3-haiku-20240307"];

function anthropicError(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: "req_fake" };
}

/**
 * Speaks Anthropic's HTTP API (key in x-api-key or Authorization: Bearer, anthropic-version required): GET /v1/models, POST /v1/messages, with its error bodies.
 * Point the SDK at the origin (no /v1). Usage reported by messages: 800 input tokens, 200 cache
 * reads, 500 output tokens.
 */
export function startAnthropicFake(validKey = "sk-ant-test-good-key-5678"): Promise<FakeServer> {
  return startFakeServer(validKey, (req, reply, fake) => {
    // The API takes the key as x-api-key; SDK 1.x sends it as a Bearer token, which it also accepts.
    const key = req.headers["x-api-key"] ?? String(req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (key !== fake.validKey) {
      return reply.json(401, anthropicError("authentication_error", "invalid x-api-key"));
    }
    if (!req.headers["anthropic-version"]) {
      return reply.json(400, anthropicError("invalid_request_error", "anthropic-version: header is required"));
    }
    if (fake.mode === "rate_limited") {
      return reply.json(
        429,
        anthropicError("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
        {
          "retry-after": "12",
        },
      );
    }
    if (fake.mode === "quota") {
      return reply.json(
        400,
        anthropicError(
          "invalid_request_error",
          "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
        ),
      );
    }
    if (fake.mode === "server_error") return reply.json(529, anthropicError("overloaded_error", "Overloaded"));
    if (fake.mode === "malformed") return reply.text(200, truncatedJson, "application/json");

    if (req.method === "GET" && req.path.startsWith("/v1/models")) {
      return reply.json(200, {
        data: anthropicFakeModels.map((id) => ({
          type: "model",
          id,
          display_name: id,
          created_at: "2024-10-22T00:00:00Z",
        })),
        has_more: false,
        first_id: anthropicFakeModels[0],
        last_id: anthropicFakeModels.at(-1),
      });
    }
    if (req.method === "POST" && req.path === "/v1/messages") {
      const body = (req.body ?? {}) as { model?: string; messages?: { content: string }[] };
      if (!body.model || !anthropicFakeModels.includes(body.model)) {
        return reply.json(404, anthropicError("not_found_error", `model: ${body.model}`));
      }
      return reply.json(200, {
        id: "msg_fake",
        type: "message",
        role: "assistant",
        model: body.model,
        content: [{ type: "text", text: `Echo: ${body.messages?.at(-1)?.content ?? ""}` }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 800, output_tokens: 500, cache_read_input_tokens: 200, cache_creation_input_tokens: 0 },
      });
    }
    return reply.json(404, anthropicError("not_found_error", "Not found"));
  });
}
