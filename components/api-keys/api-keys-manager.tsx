"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, fieldErrors } from "@/lib/api-client";
import type { ApiKeyDto } from "@/lib/schemas/api-keys";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";

export function ApiKeysManager({ initialKeys, canManage }: { initialKeys: ApiKeyDto[]; canManage: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [newKey, setNewKey] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => apiFetch<ApiKeyDto & { key: string }>("/api/v1/api-keys/", { method: "POST", json: { name } }),
    onSuccess: (data) => {
      setNewKey(data.key);
      setName("");
      router.refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/api-keys/${id}/`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-4">
        {newKey && (
          <Alert tone="success" title="Copy your new key now. It will not be shown again.">
            <code
              className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900"
              data-testid="new-api-key"
            >
              {newKey}
            </code>
          </Alert>
        )}
        {revoke.isError && <Alert tone="error">{revoke.error.message}</Alert>}
        {initialKeys.length === 0 ? (
          <EmptyState title="No API keys">Create a key to let a script publish or sync through the API.</EmptyState>
        ) : (
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Key</th>
                <th className="px-4 py-2 font-medium">Last used</th>
                <th className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {initialKeys.map((key) => (
                <tr key={key.id}>
                  <td className="px-4 py-2">{key.name}</td>
                  <td className="px-4 py-2 font-mono text-xs">{key.prefix}…</td>
                  <td className="px-4 py-2 text-slate-600">
                    {key.last_used_at ? new Date(key.last_used_at).toLocaleString() : "Never"}
                  </td>
                  <td className="px-4 py-2 text-right">
                    {canManage && (
                      <Button
                        variant="secondary"
                        aria-label={`Revoke ${key.name}`}
                        isLoading={revoke.isPending && revoke.variables === key.id}
                        onClick={() => revoke.mutate(key.id)}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {canManage && (
        <Card>
          <h2 className="mb-4 text-base font-semibold">Create a key</h2>
          <form
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate();
            }}
          >
            {create.isError && !fieldErrors(create.error).name && <Alert tone="error">{create.error.message}</Alert>}
            <Field
              id="key-name"
              label="Name"
              placeholder="Publishing script"
              required
              value={name}
              error={fieldErrors(create.error).name}
              onChange={(e) => setName(e.target.value)}
            />
            <Button type="submit" isLoading={create.isPending}>
              Create key
            </Button>
          </form>
        </Card>
      )}
    </div>
  );
}
