import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveAuth } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await resolveAuth(await headers())) ? "/sites" : "/sign-in");
}
