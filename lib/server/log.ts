import "server-only";

const SECRET_PATTERNS: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._~-]+/gi,
  /((?:password|application_password|api_key|apikey|secret|token|key_hash|keyhash|hash|ciphertext)["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi,
  /\bwhsec_[A-Za-z0-9+/=]+/g,
  /\bigny8_[A-Za-z0-9_-]{20,}/g,
  /\bsk-[A-Za-z0-9_-]{10,}/g,
  // Digests (an API key's SHA-256 is 64 hex digits) and long base64 runs (keys, ciphertexts).
  /\b[0-9a-f]{32,}\b/gi,
  /(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Z])(?=[A-Za-z0-9+/_-]*[a-z])[A-Za-z0-9+/_-]{40,}={0,2}/g,
];

/** Removes credentials from anything about to be logged. */
export function redact(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === "string" ? `${prefix}[redacted]` : "[redacted]",
    );
  }
  return out;
}

/** The stack's frames only: its first lines repeat the message, which may hold what we leave out. */
const framesOf = (error: Error) =>
  (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");

/**
 * One error as a log entry. A failed query (Drizzle's DrizzleQueryError, which carries `query` and
 * `params` and puts both in its message) is shown by its SQL text and its cause's code and message:
 * bound parameters are user data and secrets (an API key's hash, an encrypted password), so they
 * are never printed, nor is a database error's `detail` (it quotes the row's values).
 */
function describe(error: unknown) {
  if (!(error instanceof Error)) {
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let level = 0; current !== undefined && current !== null && level < 5 && !seen.has(current); level++) {
    seen.add(current);
    const prefix = level === 0 ? "" : "caused by: ";
    if (current instanceof Error) {
      const { code: rawCode, query } = current as Error & { code?: unknown; query?: unknown };
      const code = typeof rawCode === "string" ? ` [${rawCode}]` : "";
      if (typeof query === "string" && "params" in current) {
        lines.push(`${prefix}${current.name}: failed query: ${query}${code}`);
      } else {
        lines.push(`${prefix}${current.name}${code}: ${current.message}`);
      }
      if (level === 0) lines.push(framesOf(current));
      current = current.cause;
    } else {
      lines.push(`${prefix}${String(current)}`);
      break;
    }
  }
  return lines.filter(Boolean).join("\n");
}

export function logError(message: string, error?: unknown) {
  console.error(redact(`[igny8] ${message}${error === undefined ? "" : `: ${describe(error)}`}`));
}

export function logInfo(message: string) {
  console.log(redact(`[igny8] ${message}`));
}
