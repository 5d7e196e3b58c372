const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const WILDCARD = new RegExp(`^\\*\\.${LABEL}(?:\\.${LABEL})+$`);

/**
 * True when an `ALLOWED_SERVICE_URL_HOSTS` entry is an exact host name or address (`smba.trafficmanager.net`,
 * `127.0.0.1`, `[::1]`) or a `*.suffix` wildcard whose suffix has at least two labels, so `*` or `*.com` cannot open
 * the allowlist to everyone.
 */
export function isServiceUrlHostPattern(entry: string): boolean {
  const e = entry.toLowerCase();
  return e === '[::1]' || HOST.test(e) || WILDCARD.test(e);
}
