import { expect, type APIRequestContext } from "@playwright/test";
import { newApiContext } from "./openapi";
import { E2E_ADMIN_EMAIL } from "./env";

/** Keys the provider fakes (test/fakes/serve.ts) accept. */
export const good = {
  openai: "sk-test-good-key-1234",
  anthropic: "sk-ant-test-good-key-5678",
  runware: "rw-test-good-key-9012",
  bria: "bria-test-good-key-3456",
};

/** The system admin named in ADMIN_EMAILS (signs up once per server, then signs in). */
export async function platformAdmin(baseURL: string): Promise<APIRequestContext> {
  const session = await newApiContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const credentials = { email: E2E_ADMIN_EMAIL, password: "correct horse battery" };
  const signUp = await session.post("/api/auth/sign-up/email", { data: { ...credentials, name: "Platform admin" } });
  if (!signUp.ok()) expect((await session.post("/api/auth/sign-in/email", { data: credentials })).ok()).toBe(true);
  const { key } = await (await session.post("/api/v1/api-keys/", { data: { name: "e2e admin" } })).json();
  await session.dispose();
  return newApiContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
}
