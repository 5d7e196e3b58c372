/**
 * The first value of a response header. Partner Center sometimes echoes headers twice joined by a comma
 * (`X-Locale: en-US,en-US`); Node may also hand back an array for repeated headers.
 */
export function firstHeaderValue(value: unknown): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number') return String(raw);
  if (typeof raw !== 'string') return undefined;
  const first = raw.split(',')[0]?.trim();
  return first ? first : undefined;
}
