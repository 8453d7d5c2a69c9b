import "server-only";

const SECRET_PATTERNS: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._~-]+/gi,
  /((?:password|application_password|api_key|apikey|secret|token)["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi,
  /\bwhsec_[A-Za-z0-9+/=]+/g,
  /\bigny8_[A-Za-z0-9_-]{20,}/g,
  /\bsk-[A-Za-z0-9_-]{10,}/g,
];

/** Removes credentials from anything about to be logged. */
export function redact(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) => (typeof prefix === "string" ? `${prefix}[redacted]` : "[redacted]"));
  }
  return out;
}

function describe(error: unknown) {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ""}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export function logError(message: string, error?: unknown) {
  console.error(redact(`[igny8] ${message}${error === undefined ? "" : `: ${describe(error)}`}`));
}

export function logInfo(message: string) {
  console.log(redact(`[igny8] ${message}`));
}
