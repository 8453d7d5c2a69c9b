import fs from "node:fs";
import path from "node:path";

/** Prints how many answers the tests checked against the OpenAPI document (e2e/support/openapi.ts). */
export default function openApiTeardown() {
  const dir = process.env.OPENAPI_ANSWERS_DIR;
  if (!dir || !fs.existsSync(dir)) return;
  const files = fs.readdirSync(dir);
  const lines = files
    .filter((f) => f.startsWith("worker-"))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean));
  const checked = lines.filter((line) => !line.startsWith("unchecked "));
  const operations = files.includes("operations.txt")
    ? new Set(fs.readFileSync(path.join(dir, "operations.txt"), "utf8").split("\n").filter(Boolean))
    : new Set<string>();
  const exercised = new Set(checked.map((line) => line.split(" ")[3]));
  const statuses = new Set(checked.map((line) => line.split(" ").slice(0, 3).join(" ")));
  console.log(
    `[e2e] ${checked.length} answers validated against the OpenAPI document: ${exercised.size} of ${operations.size} operations, ` +
      `${statuses.size} distinct operation-status pairs` +
      (lines.length > checked.length
        ? `; ${lines.length - checked.length} answers to paths or methods the API does not have (404/405) not checked`
        : ""),
  );
  if (process.env.OPENAPI_UNEXERCISED === "1")
    console.log(`[e2e] not exercised: ${[...operations].filter((op) => !exercised.has(op)).join(", ")}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
