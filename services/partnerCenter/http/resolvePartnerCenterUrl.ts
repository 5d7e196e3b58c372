/**
 * The absolute URL for an API path or a `links.*.uri` from a response. Link URIs are relative and usually lack the
 * `/v1` prefix (`/products/X/skus?country=US`), a few include it (`/v1/customers?size=40`); both resolve under the
 * base URL's `/v1`. An absolute link is accepted only on the base URL's own origin, so a response can never steer
 * the bearer token to another host. `apiPrefix` is the version segment paths live under: `/v1` on the Partner Center
 * REST API, `/v1.0` on the partner API host (the price sheet).
 */
export function resolvePartnerCenterUrl(baseUrl: string, pathOrUri: string, apiPrefix = '/v1'): string {
  const base = new URL(baseUrl);
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUri)) {
    const absolute = new URL(pathOrUri);
    if (absolute.origin !== base.origin) {
      throw new Error(`link points outside the Partner Center base URL (${absolute.origin})`);
    }
    return absolute.toString();
  }
  let relative = pathOrUri.startsWith('/') ? pathOrUri : `/${pathOrUri}`;
  if (!hasPrefix(relative, apiPrefix)) relative = `${apiPrefix}${relative}`;
  const basePath = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${basePath}${repairQuery(relative)}`;
}

function hasPrefix(path: string, prefix: string): boolean {
  if (!path.toLowerCase().startsWith(prefix.toLowerCase())) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '/' || next === '?';
}

// Published next links contain a second `?` (`…&size=2?seekOperation=Next`); a server reading them literally
// would lose `seekOperation`, so every `?` after the first becomes `&`.
function repairQuery(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  if (q < 0) return pathAndQuery;
  return pathAndQuery.slice(0, q + 1) + pathAndQuery.slice(q + 1).replace(/\?/g, '&');
}
