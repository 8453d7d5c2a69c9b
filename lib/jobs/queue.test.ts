import { afterAll, describe, expect, it } from "vitest";
import { defineJob, enqueue, startJobs, stopJobs } from "./queue";

// The queue itself, on whichever database the tests run (in-process pg-boss on PGlite by default).
describe("job queue", () => {
  afterAll(() => stopJobs());

  it("delivers a job's payload to its handler, and retries a failing one", async () => {
    const seen: string[] = [];
    let flakyAttempts = 0;
    const job = defineJob<{ id: string }>({
      name: `test-job-${process.pid}`,
      concurrency: 1,
      send: { retryLimit: 2, retryDelay: 1 },
      handler: async ({ id }) => {
        if (id === "flaky" && flakyAttempts++ === 0) throw new Error("first attempt fails");
        seen.push(id);
      },
    });
    await startJobs({ work: true });
    await enqueue(job, { id: "a" });
    await enqueue(job, { id: "flaky" });
    for (let i = 0; i < 200 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(seen.sort()).toEqual(["a", "flaky"]);
    expect(flakyAttempts).toBe(2);
  });
});
