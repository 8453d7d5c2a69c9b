"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch, ApiClientError } from "@/lib/api-client";
import type { ContentDto } from "@/lib/schemas/content";
import { Button } from "@/components/ui/button";

type Result = { image: { image_id: string; url: string; cost_usd: string; provider: string }; content: ContentDto };

/** Generates a featured image with the account's default image provider and sets it on the item. */
export function GenerateFeaturedImageButton({
  contentId,
  onGenerated,
}: {
  contentId: string;
  onGenerated: (url: string) => void;
}) {
  const generate = useMutation({
    mutationFn: () =>
      apiFetch<Result>(`/api/v1/content/${contentId}/generate_featured_image/`, { method: "POST", json: {} }),
    onSuccess: (data) => onGenerated(data.image.url),
  });
  return (
    <div className="flex flex-col gap-1">
      <Button
        type="button"
        variant="secondary"
        className="self-start"
        isLoading={generate.isPending}
        onClick={() => generate.mutate()}
      >
        Generate featured image
      </Button>
      <p role="status" className="text-xs text-slate-600">
        {generate.isPending && "Generating with your default image provider…"}
        {generate.isSuccess &&
          `Generated with ${generate.data.image.provider} for $${generate.data.image.cost_usd}; it goes to WordPress with the next push.`}
      </p>
      {generate.error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {generate.error.message}
          {generate.error instanceof ApiClientError && generate.error.fix ? ` ${generate.error.fix}` : ""}
        </p>
      )}
    </div>
  );
}
