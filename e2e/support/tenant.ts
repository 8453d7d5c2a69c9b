import type { APIRequestContext, Page } from "@playwright/test";
import { newApiContext } from "./openapi";

export type Tenant = { email: string; password: string; apiKey: string; api: APIRequestContext; accountId?: string };

let counter = 0;
export function uniqueEmail(label: string) {
  return `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.test`;
}

/**
 * Signs a new user up (a new account), creates an API key, returns a request context using it.
 * Both contexts check every answer against the OpenAPI document.
 */
export async function createTenant(baseURL: string, label = "user"): Promise<Tenant> {
  const email = uniqueEmail(label);
  const password = "correct horse battery";
  const session = await newApiContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const signUp = await session.post("/api/auth/sign-up/email", { data: { email, password, name: label } });
  if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()} ${await signUp.text()}`);
  const keyRes = await session.post("/api/v1/api-keys/", { data: { name: "e2e" } });
  if (keyRes.status() !== 201) throw new Error(`api key failed: ${keyRes.status()} ${await keyRes.text()}`);
  const { key } = await keyRes.json();
  await session.dispose();
  const api = await newApiContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  return { email, password, apiKey: key, api };
}

/** A tenant that is certainly not the install's first user (who becomes a system admin). */
export async function ordinaryTenant(baseURL: string, label: string): Promise<Tenant> {
  await createTenant(baseURL, `${label}-before`);
  return createTenant(baseURL, label);
}

/** Signs up through the real page, leaving the browser signed in. */
export async function signUpInBrowser(page: Page, label = "ui") {
  const email = uniqueEmail(label);
  const password = "correct horse battery";
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(label);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/sites");
  return { email, password };
}

/** Signs an existing tenant's user in through the real page. */
export async function signInInBrowser(page: Page, tenant: Pick<Tenant, "email" | "password">) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(tenant.email);
  await page.getByLabel("Password").fill(tenant.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/sites");
}
