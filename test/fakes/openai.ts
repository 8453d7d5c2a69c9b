import { fakePngBase64, startFakeServer, truncatedJson, type FakeServer } from "./server";

export const openaiFakeModels = ["gpt-4o", "gpt-4o-mini", "dall-e-3"];

function openaiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

/**
 * Speaks OpenAI's HTTP API under /v1: GET /v1/models, POST /v1/chat/completions,
 * POST /v1/images/generations, with OpenAI's error bodies. Point the SDK at `${origin}/v1`.
 * Usage reported by chat completions: 1000 prompt tokens (200 cached), 500 completion tokens.
 */
export function startOpenAiFake(validKey = "sk-test-good-key-1234"): Promise<FakeServer> {
  return startFakeServer(validKey, (req, reply, fake) => {
    const auth = String(req.headers.authorization ?? "");
    const key = auth.replace(/^Bearer /, "");
    if (key !== fake.validKey) {
      // Echoes the key like a careless gateway would, to prove we never pass it on.
      return reply.json(
        401,
        openaiError(`Incorrect API key provided: ${key}.`, "invalid_request_error", "invalid_api_key"),
      );
    }
    if (fake.mode === "rate_limited") {
      return reply.json(429, openaiError("Rate limit reached for requests", "requests", "rate_limit_exceeded"), {
        "retry-after": "7",
      });
    }
    if (fake.mode === "quota") {
      return reply.json(
        429,
        openaiError(
          "You exceeded your current quota, please check your plan and billing details.",
          "insufficient_quota",
          "insufficient_quota",
        ),
      );
    }
    if (fake.mode === "server_error")
      return reply.json(500, openaiError("The server had an error", "server_error", null));
    if (fake.mode === "malformed") return reply.text(200, truncatedJson, "application/json");

    const body = (req.body ?? {}) as { model?: string; messages?: { content: string }[] };
    if (req.method === "GET" && req.path === "/v1/models") {
      return reply.json(200, {
        object: "list",
        data: openaiFakeModels.map((id) => ({ id, object: "model", created: 1715367049, owned_by: "system" })),
      });
    }
    if (req.method === "POST" && (req.path === "/v1/chat/completions" || req.path === "/v1/images/generations")) {
      if (!body.model || !openaiFakeModels.includes(body.model)) {
        return reply.json(
          404,
          openaiError(
            `The model \`${body.model}\` does not exist or you do not have access to it.`,
            "invalid_request_error",
            "model_not_found",
          ),
        );
      }
    }
    if (req.method === "POST" && req.path === "/v1/chat/completions") {
      const last = body.messages?.at(-1)?.content ?? "";
      return reply.json(200, {
        id: "chatcmpl-fake",
        object: "chat.completion",
        created: 1715367049,
        model: `${body.model}-2024-07-18`,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: `Echo: ${last}`, refusal: null },
            logprobs: null,
            finish_reason: "stop",
          },
        ],
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 500,
          total_tokens: 1500,
          prompt_tokens_details: { cached_tokens: 200 },
        },
      });
    }
    if (req.method === "POST" && req.path === "/v1/images/generations") {
      return reply.json(200, {
        created: 1715367049,
        data: [{ b64_json: fakePngBase64, revised_prompt: "A revised prompt" }],
      });
    }
    return reply.json(404, openaiError(`Invalid URL (${req.method} ${req.path})`, "invalid_request_error", null));
  });
}
