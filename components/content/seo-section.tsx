import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea";
import { SEO_DESCRIPTION_ADVISED, SEO_TITLE_ADVISED, type SeoFieldName } from "@/lib/schemas/seo";

export type SeoFormState = Record<SeoFieldName, string>;

/** "42 of about 60 characters", or how far past the advised length the text runs. */
function Counter({ id, length, advised }: { id: string; length: number; advised: number }) {
  const isOver = length > advised;
  return (
    <p id={id} className={`text-xs ${isOver ? "font-medium text-amber-800" : "text-slate-600"}`}>
      {isOver
        ? `${length} characters: ${length - advised} more than the about ${advised} a search result shows`
        : `${length} of about ${advised} characters`}
    </p>
  );
}

/** The ids an input is described by: its counter first, then its error or hint. */
const describedBy = (id: string, error: string | undefined, hint?: boolean) =>
  [`${id}-count`, error ? `${id}-error` : hint ? `${id}-hint` : ""].filter(Boolean).join(" ");

/**
 * The SEO fields of an item as Yoast SEO and Rank Math use them, with the lengths search results
 * show. Ghost and Shopify take them as their own SEO fields, Webflow in its mapped fields, WordPress
 * through the IGNY8 plugin (without it they are kept here).
 */
export function SeoSection({
  values,
  errors,
  onChange,
}: {
  values: SeoFormState;
  errors: Record<string, string | undefined>;
  onChange: (field: SeoFieldName) => (event: { target: { value: string } }) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 p-4" aria-describedby="seo-help">
      <legend className="px-1 text-sm font-semibold text-slate-900">SEO</legend>
      <p id="seo-help" className="-mt-2 text-xs text-slate-600">
        What search engines show. Ghost and Shopify keep them in their own SEO fields, Webflow in the fields you map;
        WordPress gets them through the IGNY8 plugin (for Yoast SEO or Rank Math).
      </p>
      <div className="flex flex-col gap-1">
        <Field
          id="content-seo-title"
          label="SEO title"
          value={values.seo_title}
          error={errors.seo_title}
          aria-describedby={describedBy("content-seo-title", errors.seo_title)}
          onChange={onChange("seo_title")}
        />
        <Counter id="content-seo-title-count" length={values.seo_title.trim().length} advised={SEO_TITLE_ADVISED} />
      </div>
      <div className="flex flex-col gap-1">
        <TextareaField
          id="content-seo-description"
          label="Meta description"
          rows={3}
          value={values.seo_description}
          error={errors.seo_description}
          aria-describedby={describedBy("content-seo-description", errors.seo_description)}
          onChange={onChange("seo_description")}
        />
        <Counter
          id="content-seo-description-count"
          length={values.seo_description.trim().length}
          advised={SEO_DESCRIPTION_ADVISED}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="content-focus-keyword"
          label="Focus keyword"
          value={values.focus_keyword}
          error={errors.focus_keyword}
          onChange={onChange("focus_keyword")}
        />
        <Field
          id="content-canonical-url"
          label="Canonical URL"
          inputMode="url"
          placeholder="https://example.com/my-post/"
          value={values.canonical_url}
          error={errors.canonical_url}
          hint="Leave empty to use the post's own address."
          onChange={onChange("canonical_url")}
        />
      </div>
    </fieldset>
  );
}
