"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, ApiClientError } from "@/lib/api-client";
import type { ConflictPolicy } from "@/lib/schemas/conflicts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";

// `wordpress_wins` is the stored name of "the platform's copy wins", whatever the platform.
const optionsFor = (platform: string): { value: ConflictPolicy; label: string }[] => [
  { value: "manual", label: "Ask me (manual)" },
  { value: "igny8_wins", label: "IGNY8 wins: push our version" },
  { value: "wordpress_wins", label: `${platform} wins: keep their version` },
  { value: "newest_wins", label: "Newest edit wins" },
];

/** The integration's conflict policy (owners and admins change it). */
export function PolicyForm({
  integrationId,
  initial,
  canEdit,
  platform,
}: {
  integrationId: string;
  initial: ConflictPolicy;
  canEdit: boolean;
  /** The integration's platform name ("Shopify"). */
  platform: string;
}) {
  const router = useRouter();
  const [policy, setPolicy] = useState<ConflictPolicy>(initial);
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/integration/${integrationId}/conflict_policy/`, { method: "PATCH", json: { policy } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <SelectField
        id="conflict-policy"
        label="When both sides changed"
        hint={
          canEdit
            ? "Under a winning policy the losing version is still kept in the conflict record."
            : "Only owners and admins can change this."
        }
        options={optionsFor(platform)}
        value={policy}
        disabled={!canEdit}
        onChange={(e) => setPolicy(e.target.value as ConflictPolicy)}
      />
      {canEdit && (
        <div>
          <Button
            type="submit"
            variant="secondary"
            isLoading={save.isPending}
            disabled={policy === initial && !save.isError}
          >
            Save policy
          </Button>
        </div>
      )}
      {save.isError && (
        <Alert tone="error" title="Not saved">
          <p>{save.error.message}</p>
          {save.error instanceof ApiClientError && save.error.fix && <p className="mt-1">Fix: {save.error.fix}</p>}
        </Alert>
      )}
      {save.isSuccess && <Alert tone="success">Policy saved. It applies to conflicts found from now on.</Alert>}
    </form>
  );
}
