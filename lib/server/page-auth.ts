import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveAuth, type AuthContext } from "./session";

/** For server components: the signed-in caller, or a redirect to the sign-in page. */
export async function requirePageAuth(): Promise<AuthContext> {
  const auth = await resolveAuth(await headers());
  if (!auth) redirect("/sign-in");
  return auth;
}
