"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const router = useRouter();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const isSignUp = mode === "sign-up";
  const mutation = useMutation({
    mutationFn: () =>
      apiFetch(isSignUp ? "/api/auth/sign-up/email" : "/api/auth/sign-in/email", {
        method: "POST",
        json: isSignUp ? form : { email: form.email, password: form.password },
      }),
    onSuccess: () => {
      router.push("/sites");
      router.refresh();
    },
  });
  const passwordTooShort = isSignUp && form.password.length > 0 && form.password.length < 8;

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!passwordTooShort) mutation.mutate();
      }}
    >
      {mutation.error && <Alert tone="error">{mutation.error.message}</Alert>}
      {isSignUp && (
        <Field
          id="name"
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      )}
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete={isSignUp ? "new-password" : "current-password"}
        required
        minLength={isSignUp ? 8 : undefined}
        hint={isSignUp ? "At least 8 characters." : undefined}
        error={passwordTooShort ? "Use at least 8 characters." : undefined}
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <Button type="submit" isLoading={mutation.isPending}>
        {isSignUp ? "Create account" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {isSignUp ? "Already have an account? " : "New to IGNY8? "}
        <Link className="font-medium text-brand-700 underline" href={isSignUp ? "/sign-in" : "/sign-up"}>
          {isSignUp ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
