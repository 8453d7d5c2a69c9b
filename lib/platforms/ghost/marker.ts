/**
 * What IGNY8 keeps in a post it wrote, in the post's footer code injection as one HTML comment:
 * its ref (so a create whose answer was lost is found again) and how many of the post's tags are
 * IGNY8 categories (Ghost has one kind of tag; without the count a post whose first tag is a tag
 * would read back as having that category). Ghost stores the field verbatim, lets NQL filter on
 * it, and shows it nowhere but as an invisible comment in the page's source; the rest of the
 * field (a user's own scripts) is kept as it is.
 */
const MARKER = /<!-- igny8:([A-Za-z0-9_-]{1,100})(?: categories:(\d{1,4}))? -->/;

export function refMarker(ref: string, categories?: number): string {
  return categories === undefined ? `<!-- igny8:${ref} -->` : `<!-- igny8:${ref} categories:${categories} -->`;
}

/** The marker in a footer, if any: our ref, and the category count when it was written with one. */
export function readMarker(foot: string | null | undefined): { ref: string; categories?: number } | undefined {
  const match = MARKER.exec(foot ?? "");
  if (!match) return undefined;
  return match[2] === undefined ? { ref: match[1] } : { ref: match[1], categories: Number(match[2]) };
}

/** `foot` with our marker for `ref` in it (replacing an earlier one, or appended). */
export function withMarker(foot: string | null | undefined, ref: string, categories: number): string {
  const marker = refMarker(ref, categories);
  if (!foot) return marker;
  return MARKER.test(foot) ? foot.replace(MARKER, marker) : `${foot}\n${marker}`;
}
