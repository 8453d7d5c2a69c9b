"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "@/lib/api-client";
import type { ContentDto } from "@/lib/schemas/content";
import { createContentItem, splitNames, updateContentItem, type ContentFormValues } from "@/lib/queries/content";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { TextareaField } from "@/components/ui/textarea";
import { GenerateFeaturedImageButton } from "@/components/ai/generate-featured-image-button";
import { seoFieldNames } from "@/lib/schemas/seo";
import { SeoSection, type SeoFormState } from "./seo-section";

type TextFields = "categories" | "tags" | "featured_image_url" | "scheduled_at" | "status" | keyof SeoFormState;
type FormState = Omit<ContentFormValues, TextFields> &
  SeoFormState & {
    status: ContentDto["status"];
    categories: string;
    tags: string;
    featured_image_url: string;
    scheduled_at: string;
  };

/** ISO → the value a datetime-local input shows (local time, minutes). */
function toLocalInput(iso: string | null) {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function initialState(item?: ContentDto): FormState {
  return {
    title: item?.title ?? "",
    slug: item?.slug ?? "",
    excerpt: item?.excerpt ?? "",
    content: item?.content ?? "",
    content_type: item?.content_type ?? "post",
    status: item?.status ?? "draft",
    categories: item?.categories.join(", ") ?? "",
    tags: item?.tags.join(", ") ?? "",
    featured_image_url: item?.featured_image_url ?? "",
    scheduled_at: toLocalInput(item?.scheduled_at ?? null),
    ...(Object.fromEntries(seoFieldNames.map((field) => [field, item?.[field] ?? ""])) as SeoFormState),
  };
}

function toValues(form: FormState): ContentFormValues {
  return {
    title: form.title,
    slug: form.slug,
    excerpt: form.excerpt,
    content: form.content,
    content_type: form.content_type,
    status: form.status as ContentFormValues["status"],
    categories: splitNames(form.categories),
    tags: splitNames(form.tags),
    featured_image_url: form.featured_image_url.trim() || null,
    scheduled_at: form.scheduled_at ? new Date(form.scheduled_at).toISOString() : null,
    ...Object.fromEntries(seoFieldNames.map((field) => [field, form[field].trim() || null])),
  } as ContentFormValues;
}

const statusOptions = [
  { value: "draft", label: "Draft" },
  { value: "review", label: "In review" },
  { value: "approved", label: "Approved" },
  { value: "scheduled", label: "Scheduled" },
];

/** What "Scheduled for" says when one of the site's platforms cannot schedule (Webflow). */
function scheduleHint(unschedulable: string[], isScheduling: boolean) {
  const base = "Your local time. Needed when the status is Scheduled.";
  if (!isScheduling || !unschedulable.length) return base;
  return (
    `${base} ${unschedulable.join(" and ")} cannot schedule posts: IGNY8 keeps the item there as a draft ` +
    "and publishes it itself at this time (with auto-publish on, under Publishing)."
  );
}

/**
 * Create (no `item`) or edit a content item. Edits send only the fields that changed.
 * `unschedulable`: the site's platforms that cannot schedule a post themselves.
 */
export function ContentForm({
  siteId,
  item,
  unschedulable = [],
}: {
  siteId: string;
  item?: ContentDto;
  unschedulable?: string[];
}) {
  const router = useRouter();
  const [form, setForm] = useState<FormState>(() => initialState(item));
  // Approving elsewhere on the page changes the status under the form: follow it, keep unsaved edits.
  const [seenStatus, setSeenStatus] = useState(item?.status);
  if (item && item.status !== seenStatus) {
    setSeenStatus(item.status);
    setForm((f) => ({ ...f, status: item.status }));
  }
  const save = useMutation({
    mutationFn: () => {
      const values = toValues(form);
      if (!item) return createContentItem(siteId, values);
      const before = toValues(initialState(item));
      const changed = Object.fromEntries(
        Object.entries(values).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof ContentFormValues]),
        ),
      );
      return updateContentItem(item.id, changed);
    },
    onSuccess: (saved) => {
      if (!item) router.push(`/sites/${siteId}/content/${saved.id}`);
      else setForm(initialState(saved));
      router.refresh();
    },
  });
  const errors = Object.fromEntries(
    Object.entries(fieldErrors(save.error)).map(([field, message]) => [field.split(".")[0], message]),
  );
  const set = (key: keyof FormState) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: event.target.value }));
  const isPublished = form.status === "published";

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {save.isError && (
        <Alert tone="error" title={item ? "Not saved" : "Not created"}>
          {Object.keys(errors).length ? "Check the fields marked below." : save.error.message}
        </Alert>
      )}
      {save.isSuccess && item && (
        <Alert tone="success">
          Saved.{item.references.some((ref) => ref.external_id) ? " Publish again to update the published copies." : ""}
        </Alert>
      )}
      <Field
        id="content-title"
        label="Title"
        required
        value={form.title}
        error={errors.title}
        onChange={set("title")}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="content-slug"
          label="Slug"
          value={form.slug}
          error={errors.slug}
          hint="Leave empty to make one from the title."
          onChange={set("slug")}
        />
        <SelectField
          id="content-type"
          label="Type"
          value={form.content_type}
          error={errors.content_type}
          onChange={set("content_type")}
          options={[
            { value: "post", label: "Post" },
            { value: "page", label: "Page" },
            { value: "product", label: "Product" },
          ]}
        />
        <SelectField
          id="content-status"
          label="Status"
          value={form.status}
          error={errors.status}
          onChange={set("status")}
          options={isPublished ? [{ value: "published", label: "Published" }, ...statusOptions] : statusOptions}
        />
      </div>
      <TextareaField
        id="content-excerpt"
        label="Excerpt"
        rows={2}
        value={form.excerpt}
        error={errors.excerpt}
        onChange={set("excerpt")}
      />
      <TextareaField
        id="content-body"
        label="Body (HTML)"
        rows={14}
        className="font-mono"
        value={form.content}
        error={errors.content}
        hint="HTML, e.g. <p>Hello</p>."
        onChange={set("content")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="content-categories"
          label="Categories"
          value={form.categories}
          error={errors.categories}
          hint="Names, separated by commas."
          onChange={set("categories")}
        />
        <Field
          id="content-tags"
          label="Tags"
          value={form.tags}
          error={errors.tags}
          hint="Names, separated by commas."
          onChange={set("tags")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Field
            id="content-image"
            label="Featured image URL"
            inputMode="url"
            placeholder="https://example.com/image.jpg"
            value={form.featured_image_url}
            error={errors.featured_image_url}
            onChange={set("featured_image_url")}
          />
          {item && (
            <GenerateFeaturedImageButton
              contentId={item.id}
              onGenerated={(url) => {
                setForm((f) => ({ ...f, featured_image_url: url }));
                router.refresh();
              }}
            />
          )}
        </div>
        <Field
          id="content-scheduled"
          label="Scheduled for"
          type="datetime-local"
          value={form.scheduled_at}
          error={errors.scheduled_at}
          hint={scheduleHint(unschedulable, form.status === "scheduled" || !!form.scheduled_at)}
          onChange={set("scheduled_at")}
        />
      </div>
      <SeoSection values={form} errors={errors} onChange={set} />
      <Button type="submit" isLoading={save.isPending} className="self-start">
        {item ? "Save changes" : "Create content"}
      </Button>
    </form>
  );
}
