export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 text-sm text-slate-600">
      <span className="size-4 animate-spin rounded-full border-2 border-brand-600 border-r-transparent" aria-hidden />
      Loading the publishing settings…
    </div>
  );
}
