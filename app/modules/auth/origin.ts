// CSRF defence in depth next to SameSite=Lax: every non-GET request must come from our own origin.
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(
  method: string,
  headers: { origin?: string | null; referer?: string | null; host?: string | null },
  allowedOrigins: string[] = [],
): boolean {
  if (SAFE.has(method.toUpperCase())) return true;
  const source = headers.origin ?? (headers.referer ? safeOrigin(headers.referer) : null);
  if (!source || source === "null") return false;
  if (allowedOrigins.includes(source)) return true;
  const host = headers.host;
  if (!host) return false;
  const parsed = safeOrigin(source);
  return parsed !== null && new URL(parsed).host === host;
}

function safeOrigin(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
