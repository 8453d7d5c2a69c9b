import { diffWordsWithSpace } from "diff";

/**
 * The HTML body of both versions as a word diff of the source: words only in IGNY8's version are
 * struck through (red, "IGNY8 only"), words only in the platform's (`platform`, e.g. Shopify) are underlined (green).
 */
export function BodyDiff({ igny8, wordpress, platform }: { igny8: string; wordpress: string; platform: string }) {
  const parts = diffWordsWithSpace(igny8, wordpress);
  const isSame = parts.every((p) => !p.added && !p.removed);
  return (
    <div>
      <p className="mb-2 flex flex-wrap gap-3 text-xs text-slate-700">
        <span>
          <del className="bg-red-100 text-red-900">struck through</del> = only in IGNY8
        </span>
        <span>
          <ins className="bg-green-100 text-green-900">underlined</ins> = only in {platform}
        </span>
      </p>
      <div
        data-testid="body-diff"
        className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-900"
      >
        {isSame
          ? igny8 || "(empty)"
          : parts.map((p, i) =>
              p.removed ? (
                <del key={i} className="bg-red-100 text-red-900" title="Only in IGNY8">
                  {p.value}
                </del>
              ) : p.added ? (
                <ins key={i} className="bg-green-100 text-green-900" title={`Only in ${platform}`}>
                  {p.value}
                </ins>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
      </div>
    </div>
  );
}
