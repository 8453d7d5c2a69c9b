export type CategoriesAs = "tags" | "blog";

const choices: Array<{ value: CategoriesAs; label: string; hint: string }> = [
  {
    value: "tags",
    label: "Tags on the article",
    hint: "Every article goes to the blog above; its categories are added to its tags.",
  },
  {
    value: "blog",
    label: "The blog",
    hint: "An article goes to the blog named like its first category (created when missing); without one, to the blog above.",
  },
];

/** What IGNY8 categories become on Shopify, which has none: tags, or the blog an article goes to. */
export function CategoriesChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: CategoriesAs;
  onChange: (value: CategoriesAs) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-slate-800">IGNY8 categories become</legend>
      <div className="flex flex-col gap-2">
        {choices.map((c) => (
          <label key={c.value} className="flex cursor-pointer items-start gap-3 text-sm">
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
              aria-describedby={`${name}-${c.value}-hint`}
              className="mt-1 accent-brand-600"
            />
            <span>
              <span className="font-medium text-slate-900">{c.label}</span>
              <span id={`${name}-${c.value}-hint`} className="block text-slate-600">
                {c.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
