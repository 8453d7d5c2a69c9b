import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <AuthForm mode="sign-up" />
    </>
  );
}
