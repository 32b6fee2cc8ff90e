/** The one clock the server writes with: ISO-8601 UTC, which sorts correctly as text. */
export function now(): string {
  return new Date().toISOString();
}
