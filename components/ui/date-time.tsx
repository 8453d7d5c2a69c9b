/** A timestamp shown the same on server and client (UTC), with the machine-readable value. */
export function DateTime({ value, fallback = "—" }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <>{fallback}</>;
  const text = new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return <time dateTime={value}>{text} UTC</time>;
}
