/** A radio choice drawn as a bordered card, highlighted when checked; the focus ring shows on keyboard focus. */
export function RadioCard({
  name,
  value,
  checked,
  onChange,
  className = "gap-3 py-2",
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  /** Spacing inside the card. */
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <label
      className={`flex cursor-pointer items-center rounded-md border px-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-100 ${className} ${
        checked ? "border-brand-600 bg-brand-50" : "border-slate-300"
      }`}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
        className="accent-brand-600"
      />
      {children}
    </label>
  );
}
