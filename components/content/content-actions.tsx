"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api-client";
import type { ContentDto } from "@/lib/schemas/content";
import { approveContentItem, deleteContentItem, publishContentItem } from "@/lib/queries/content";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

function ErrorWithFix({ error, title }: { error: Error; title: string }) {
  const fix = error instanceof ApiClientError ? error.fix : undefined;
  return (
    <Alert tone="error" title={title}>
      <p>{error.message}</p>
      {fix && <p className="mt-1">Fix: {fix}</p>}
    </Alert>
  );
}

/** Approve, publish to WordPress and delete one item. */
export function ContentActions({ item, hasIntegration }: { item: ContentDto; hasIntegration: boolean }) {
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const approve = useMutation({ mutationFn: () => approveContentItem(item.id), onSuccess: () => router.refresh() });
  const publish = useMutation({ mutationFn: () => publishContentItem(item.id), onSettled: () => router.refresh() });
  const remove = useMutation({
    mutationFn: () => deleteContentItem(item.id),
    onSuccess: () => {
      router.push(`/sites/${item.site_id}/content`);
      router.refresh();
    },
  });

  return (
    <div className="flex flex-col gap-3">
      {approve.isError && <ErrorWithFix error={approve.error} title="Not approved" />}
      {publish.isError && <ErrorWithFix error={publish.error} title="Not published" />}
      {publish.isSuccess &&
        (publish.data.event.status === "failed" ? (
          <Alert tone="error" title="WordPress did not take it">
            <p>{publish.data.event.error_message}</p>
            {publish.data.event.fix && <p className="mt-1">Fix: {publish.data.event.fix}</p>}
          </Alert>
        ) : (
          <Alert tone="success">
            Published to WordPress
            {publish.data.wordpress_url && (
              <>
                :{" "}
                <a className="underline" href={publish.data.wordpress_url} target="_blank" rel="noreferrer">
                  {publish.data.wordpress_url}
                </a>
              </>
            )}
          </Alert>
        ))}
      <div className="flex flex-wrap gap-2">
        {item.status !== "approved" && item.status !== "published" && (
          <Button variant="secondary" isLoading={approve.isPending} onClick={() => approve.mutate()}>
            Approve
          </Button>
        )}
        <Button
          isLoading={publish.isPending}
          disabled={!hasIntegration}
          aria-describedby={hasIntegration ? undefined : "publish-hint"}
          onClick={() => publish.mutate()}
        >
          Publish to WordPress
        </Button>
      </div>
      {!hasIntegration && (
        <p id="publish-hint" className="text-xs text-slate-600">
          Connect this site to WordPress first under{" "}
          <Link className="text-brand-700 underline" href="/settings/integration">
            Integrations
          </Link>
          .
        </p>
      )}
      <div className="border-t border-slate-200 pt-3">
        {remove.isError && <ErrorWithFix error={remove.error} title="Not deleted" />}
        {isConfirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm deletion">
            <p className="text-sm text-slate-800">
              Delete it here? {item.wordpress_id ? "The WordPress copy stays." : ""}
            </p>
            <Button variant="danger" isLoading={remove.isPending} onClick={() => remove.mutate()}>
              Yes, delete
            </Button>
            <Button variant="secondary" onClick={() => setIsConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setIsConfirming(true)}>
            Delete…
          </Button>
        )}
      </div>
    </div>
  );
}
