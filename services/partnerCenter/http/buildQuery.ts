/**
 * A `?a=b&c=d` query string with every name and value fully percent-encoded (the customer filter is JSON and must
 * arrive intact); undefined values are left out.
 */
export function buildQuery(params: Record<string, string | number | boolean | undefined>): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}
