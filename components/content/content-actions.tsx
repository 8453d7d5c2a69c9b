"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { ContentDto } from "@/lib/schemas/content";
import { approveContentItem, deleteContentItem } from "@/lib/queries/content";
import { Button } from "@/components/ui/button";
import type { SiteDestination } from "./destinations";
import { ErrorWithFix } from "./error-with-fix";
import { PublishControl } from "./publish-control";

/** Approve, publish (to one or several of the site's integrations) and delete one item. */
export function ContentActions({ item, destinations }: { item: ContentDto; destinations: SiteDestination[] }) {
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const approve = useMutation({ mutationFn: () => approveContentItem(item.id), onSuccess: () => router.refresh() });
  const remove = useMutation({
    mutationFn: () => deleteContentItem(item.id),
    onSuccess: () => {
      router.push(`/sites/${item.site_id}/content`);
      router.refresh();
    },
  });
  const hasCopies = item.references.some((ref) => ref.external_id) || !!item.wordpress_id;

  return (
    <div className="flex flex-col gap-3">
      {approve.isError && <ErrorWithFix error={approve.error} title="Not approved" />}
      {item.status !== "approved" && item.status !== "published" && (
        <div>
          <Button variant="secondary" isLoading={approve.isPending} onClick={() => approve.mutate()}>
            Approve
          </Button>
        </div>
      )}
      <PublishControl itemId={item.id} destinations={destinations} />
      <div className="border-t border-slate-200 pt-3">
        {remove.isError && <ErrorWithFix error={remove.error} title="Not deleted" />}
        {isConfirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm deletion">
            <p className="text-sm text-slate-800">
              Delete it here? {hasCopies ? "The published copies stay where they are." : ""}
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
