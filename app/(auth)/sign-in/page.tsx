import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <AuthForm mode="sign-in" />
    </>
  );
}
