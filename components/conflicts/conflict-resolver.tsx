"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, ApiClientError } from "@/lib/api-client";
import type { ConflictDetail, ConflictField, MergedFields } from "@/lib/schemas/conflicts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const LABELS: Record<ConflictField, string> = {
  title: "Title",
  excerpt: "Excerpt",
  slug: "Slug",
  content: "Body (HTML)",
  categories: "Categories",
  tags: "Tags",
  featured_image_url: "Featured image URL",
};

type Choice = "igny8" | "wordpress" | "merged";
const asText = (value: unknown) => (Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value : "");

function toMerged(values: Record<ConflictField, string>): MergedFields {
  const terms = (text: string) =>
    text
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  return {
    title: values.title,
    excerpt: values.excerpt,
    slug: values.slug,
    content: values.content,
    categories: terms(values.categories),
    tags: terms(values.tags),
    featured_image_url: values.featured_image_url.trim() || null,
  };
}

/** The three choices; "merged" takes each field from either side and lets it be edited. */
export function ConflictResolver({ detail, platform }: { detail: ConflictDetail; platform: string }) {
  const router = useRouter();
  const [choice, setChoice] = useState<Choice>("igny8");
  const initialSide = Object.fromEntries(
    detail.fields.map((f) => [f.field, f.changed_in === "wordpress" ? "wordpress" : "igny8"]),
  ) as Record<ConflictField, "igny8" | "wordpress">;
  const [sides, setSides] = useState(initialSide);
  const [values, setValues] = useState(
    Object.fromEntries(
      detail.fields.map((f) => [f.field, asText(initialSide[f.field] === "wordpress" ? f.wordpress : f.igny8)]),
    ) as Record<ConflictField, string>,
  );
  const resolve = useMutation({
    mutationFn: () =>
      apiFetch<ConflictDetail>(`/api/v1/conflicts/${detail.id}/resolve/`, {
        method: "POST",
        json: { choice, ...(choice === "merged" ? { merged: toMerged(values) } : {}) },
      }),
    onSettled: () => router.refresh(),
  });
  const pick = (field: ConflictField, side: "igny8" | "wordpress") => {
    const f = detail.fields.find((x) => x.field === field)!;
    setSides({ ...sides, [field]: side });
    setValues({ ...values, [field]: asText(side === "wordpress" ? f.wordpress : f.igny8) });
  };

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate();
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-slate-900">Keep which version?</legend>
        {(
          [
            ["igny8", "IGNY8's version", `Pushed to ${platform} over its copy.`],
            ["wordpress", `${platform}'s version`, "Stored here over our copy."],
            ["merged", "Merge field by field", "Pick each field, edit it, then push the result."],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="choice"
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
              className="mt-1"
            />
            <span>
              <span className="font-medium text-slate-900">{label}</span>{" "}
              <span className="text-slate-600">— {hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {choice === "merged" && (
        <div className="flex flex-col gap-4 rounded-md border border-slate-200 p-4">
          {detail.fields.map((f) => {
            const id = `merged-${f.field}`;
            const isLong = f.field === "content" || f.field === "excerpt";
            return (
              <div key={f.field} className="flex flex-col gap-1">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <label htmlFor={id} className="text-sm font-medium text-slate-800">
                    {LABELS[f.field]}
                  </label>
                  <span className="flex gap-3 text-xs" role="group" aria-label={`${LABELS[f.field]}: take from`}>
                    {(["igny8", "wordpress"] as const).map((side) => (
                      <label key={side} className="flex items-center gap-1">
                        <input
                          type="radio"
                          name={`side-${f.field}`}
                          checked={sides[f.field] === side}
                          onChange={() => pick(f.field, side)}
                        />
                        {side === "igny8" ? "IGNY8" : platform}
                      </label>
                    ))}
                  </span>
                </div>
                {isLong ? (
                  <textarea
                    id={id}
                    rows={f.field === "content" ? 8 : 3}
                    value={values[f.field]}
                    onChange={(e) => setValues({ ...values, [f.field]: e.target.value })}
                    className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
                  />
                ) : (
                  <input
                    id={id}
                    value={values[f.field]}
                    onChange={(e) => setValues({ ...values, [f.field]: e.target.value })}
                    className="rounded-md border border-slate-300 px-3 py-2 text-sm"
                  />
                )}
                {(f.field === "categories" || f.field === "tags") && (
                  <p className="text-xs text-slate-600">Separate names with commas.</p>
                )}
              </div>
            );
          })}
        </div>
      )}
      <div>
        <Button type="submit" isLoading={resolve.isPending}>
          Resolve conflict
        </Button>
      </div>
      {resolve.isError && (
        <Alert tone="error" title="Not resolved">
          <p>{resolve.error.message}</p>
          {resolve.error instanceof ApiClientError && resolve.error.fix && (
            <p className="mt-1">Fix: {resolve.error.fix}</p>
          )}
        </Alert>
      )}
    </form>
  );
}
