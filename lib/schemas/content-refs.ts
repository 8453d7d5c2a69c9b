/** WordPress's post id as the API has always answered it (a number), from the reference's text id. */
export function wordpressIdOf(platform: string, externalId: string | null | undefined): number | null {
  return platform === "wordpress" && externalId && /^\d+$/.test(externalId) ? Number(externalId) : null;
}
