import { randomUUID } from "node:crypto";
import { fakePngBase64, startFakeServer, truncatedJson, type FakeServer } from "./server";

export const runwareFakeModels = ["runware:100@1", "runware:101@1"];

type Task = { taskType?: string; apiKey?: string; taskUUID?: string; model?: string };

/**
 * Speaks Runware's REST API: POST /v1 with a JSON array of tasks, the first an `authentication`
 * task; answers `{data: [...]}` or `{errors: [...]}`. Each image costs 0.0006 (reported with
 * includeCost).
 */
export function startRunwareFake(validKey = "rw-test-good-key-9012"): Promise<FakeServer> {
  return startFakeServer(validKey, (req, reply, fake) => {
    if (req.method !== "POST" || req.path !== "/v1")
      return reply.json(404, { errors: [{ code: "notFound", message: "Not found" }] });
    if (!Array.isArray(req.body)) {
      return reply.json(400, { errors: [{ code: "invalidTasks", message: "The body must be an array of tasks" }] });
    }
    const tasks = req.body as Task[];
    const auth = tasks.find((t) => t.taskType === "authentication");
    if (auth?.apiKey !== fake.validKey) {
      return reply.json(401, {
        data: [],
        errors: [
          {
            code: "invalidApiKey",
            message: "Invalid API key. Get one at https://my.runware.ai",
            parameter: "apiKey",
            taskType: "authentication",
          },
        ],
      });
    }
    if (fake.mode === "rate_limited") {
      return reply.json(
        429,
        { errors: [{ code: "tooManyRequests", message: "Too many requests" }] },
        { "retry-after": "3" },
      );
    }
    if (fake.mode === "quota") {
      return reply.json(400, {
        data: [],
        errors: [{ code: "insufficientCredits", message: "Not enough credits to run the task" }],
      });
    }
    if (fake.mode === "server_error")
      return reply.json(503, { errors: [{ code: "serviceUnavailable", message: "Try again" }] });
    if (fake.mode === "malformed") return reply.text(200, truncatedJson, "application/json");

    const data: object[] = [{ taskType: "authentication", connectionSessionUUID: randomUUID() }];
    for (const task of tasks.filter((t) => t.taskType === "imageInference")) {
      if (!task.model || !runwareFakeModels.includes(task.model)) {
        return reply.json(400, {
          data: [],
          errors: [
            {
              code: "invalidModel",
              message: `Invalid value for 'model': ${task.model}`,
              parameter: "model",
              taskUUID: task.taskUUID,
            },
          ],
        });
      }
      data.push({
        taskType: "imageInference",
        taskUUID: task.taskUUID,
        imageUUID: randomUUID(),
        imageBase64Data: fakePngBase64,
        cost: 0.0006,
      });
    }
    return reply.json(200, { data });
  });
}
