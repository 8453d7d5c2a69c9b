import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: ".data",
      APP_URL: "http://localhost:3000",
      ADMIN_EMAILS: [],
      EGRESS_ALLOW: [],
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("derives APP_URL from PORT and trims lists", () => {
    const env = parseEnv({
      PORT: "4100",
      ADMIN_EMAILS: " Boss@Example.com, ops@example.com ",
      EGRESS_ALLOW: "127.0.0.1:8081,wp.local",
    });
    expect(env.APP_URL).toBe("http://localhost:4100");
    expect(env.ADMIN_EMAILS).toEqual(["boss@example.com", "ops@example.com"]);
    expect(env.EGRESS_ALLOW).toEqual(["127.0.0.1:8081", "wp.local"]);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must start with postgres/],
    [{ APP_URL: "not a url" }, /APP_URL/],
  ])("names the bad variable: %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
