"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api-client";
import {
  createDestination,
  destinationsQuery,
  integrationKeys,
  saveBlogChoice,
  type RemoteDestinationDto,
} from "@/lib/queries/integrations";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RadioCard } from "@/components/ui/radio-card";
import { ConnectionError } from "./connection-result";
import { CategoriesChoice, type CategoriesAs } from "./categories-choice";

type Config = { blog_id?: string; categories_as?: CategoriesAs };

function ErrorOf({ error }: { error: Error }) {
  const api = error instanceof ApiClientError ? error : undefined;
  return <ConnectionError code={api?.code} message={error.message} fix={api?.fix} />;
}

const countOf = (b: RemoteDestinationDto) => `${b.item_count} article${b.item_count === 1 ? "" : "s"}`;

/**
 * Shopify's blog: the store's blogs to choose from, "Create a blog" with a title, and what IGNY8
 * categories become. A modal <dialog>: Escape closes it, focus stays inside; Save stores the choice.
 */
export function BlogDialog({ integration, onClose }: { integration: IntegrationDto; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const config = integration.config_json as Config;
  const blogs = useQuery(destinationsQuery(integration.id));
  const [picked, setPicked] = useState<string | undefined>(config.blog_id);
  const [categoriesAs, setCategoriesAs] = useState<CategoriesAs>(config.categories_as ?? "tags");
  const [title, setTitle] = useState("");
  const blogId = picked ?? blogs.data?.find((b) => b.is_current)?.id;
  const chosen = blogs.data?.find((b) => b.id === blogId);
  const titleId = `blog-${integration.id}-title`;

  const create = useMutation({
    mutationFn: () => createDestination(integration.id, title.trim()),
    onSuccess: async (blog) => {
      setPicked(blog.id);
      setTitle("");
      await queryClient.invalidateQueries({ queryKey: integrationKeys.destinations(integration.id) });
    },
  });
  const save = useMutation({
    mutationFn: () =>
      saveBlogChoice(integration, { blog_id: chosen!.id, blog_title: chosen!.title, categories_as: categoriesAs }),
    onSuccess: () => (router.refresh(), ref.current?.close()),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (chosen) save.mutate();
  }

  return (
    <ModalDialog
      ref={ref}
      titleId={titleId}
      title="Blog"
      description={<>{integration.site_name}: the Shopify blog IGNY8 publishes articles to.</>}
      widthClass="w-[min(40rem,calc(100vw-2rem))]"
      onClose={onClose}
    >
      <form onSubmit={onSubmit} className="flex max-h-[75vh] flex-col gap-5 overflow-y-auto px-5 py-4">
        {blogs.isPending && (
          <p role="status" className="text-sm text-slate-600">
            Loading the store&apos;s blogs from Shopify…
          </p>
        )}
        {blogs.isError && <ErrorOf error={blogs.error} />}
        {blogs.data?.length === 0 && (
          <Alert tone="warning" title="The store has no blog yet">
            IGNY8 publishes no article until the store has one: create it below.
          </Alert>
        )}
        {config.blog_id && blogs.data && !blogs.data.some((b) => b.id === config.blog_id) && (
          <Alert tone="warning" title="The chosen blog is no longer in the store">
            Articles cannot be published until another blog is chosen or created.
          </Alert>
        )}
        {blogs.data && blogs.data.length > 0 && (
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-slate-800">Publish articles to</legend>
            <div className="flex flex-col gap-2">
              {blogs.data.map((b) => (
                <RadioCard
                  key={b.id}
                  name={`blog-${integration.id}`}
                  value={b.id}
                  checked={b.id === blogId}
                  onChange={() => setPicked(b.id)}
                >
                  <span className="font-medium text-slate-900">{b.title}</span>
                  <span className="text-slate-600">
                    /blogs/{b.handle} · {countOf(b)}
                  </span>
                </RadioCard>
              ))}
            </div>
          </fieldset>
        )}
        {blogs.data && (
          <div role="group" aria-labelledby={`${titleId}-create`} className="flex flex-col gap-2">
            <h3 id={`${titleId}-create`} className="text-sm font-semibold text-slate-800">
              Create a blog
            </h3>
            <div className="flex flex-wrap items-end gap-2">
              <div className="min-w-56 flex-1">
                <Field
                  id={`${titleId}-new`}
                  label="New blog's title"
                  value={title}
                  maxLength={255}
                  onChange={(e) => setTitle(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key !== "Enter") return;
                    e.preventDefault();
                    if (title.trim()) create.mutate();
                  }}
                />
              </div>
              <Button
                type="button"
                variant="secondary"
                isLoading={create.isPending}
                disabled={!title.trim()}
                onClick={() => create.mutate()}
              >
                Create blog
              </Button>
            </div>
            <div aria-live="polite">
              {create.isSuccess && (
                <p className="text-sm text-green-800">
                  Created “{create.data.title}” in Shopify and chose it: save to publish to it.
                </p>
              )}
              {create.isError && <ErrorOf error={create.error} />}
            </div>
          </div>
        )}
        <CategoriesChoice name={`categories-${integration.id}`} value={categoriesAs} onChange={setCategoriesAs} />
        <div aria-live="polite">{save.isError && <ErrorOf error={save.error} />}</div>
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
          <Button type="submit" isLoading={save.isPending} disabled={!chosen}>
            Save blog
          </Button>
          <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>
            Cancel
          </Button>
          {!chosen && blogs.data && <p className="text-sm text-slate-600">Choose or create a blog to save.</p>}
        </div>
      </form>
    </ModalDialog>
  );
}
