import type { CustomerSummary } from './types';

/**
 * How closely a customer matches what a person typed to find it, best first:
 * - `exact`: the whole company name or the whole domain (`Contoso Ltd`, `contoso.onmicrosoft.com`);
 * - `tenant`: the domain's first label, the tenant's own name (`contoso` for `contoso.onmicrosoft.com`), which is
 *   unique to one tenant but may also start other customers' names (`Contoso Pharmaceuticals`);
 * - `prefix`: only the start of the name or domain, as Partner Center's `starts_with` search finds.
 * Case and runs of spaces don't count, as Partner Center's search ignores case.
 */
export type CustomerMatch = 'exact' | 'tenant' | 'prefix';

const ORDER: Record<CustomerMatch, number> = { exact: 0, tenant: 1, prefix: 2 };

/** How `customer` matches `query` (see {@link CustomerMatch}). */
export function customerMatchOf(query: string, customer: CustomerSummary): CustomerMatch {
  const typed = normalised(query);
  const domain = normalised(customer.domain);
  if (typed === normalised(customer.companyName) || typed === domain) return 'exact';
  if (typed === domain.split('.')[0]) return 'tenant';
  return 'prefix';
}

/** Whether `customer`'s domain is `query` or starts with `query` and a dot (the tenant's own name). */
export function isDomainMatch(query: string, customer: CustomerSummary): boolean {
  const typed = normalised(query);
  const domain = normalised(customer.domain);
  return typed === domain || typed === domain.split('.')[0];
}

/**
 * Orders search results for a pick list: exact matches, then tenant-name matches, then the rest, each by company name
 * (then domain). An exact match is therefore always offered first, however many other customers start the same way.
 */
export function byMatchThenName(query: string): (a: CustomerSummary, b: CustomerSummary) => number {
  return (a, b) =>
    ORDER[customerMatchOf(query, a)] - ORDER[customerMatchOf(query, b)] ||
    a.companyName.localeCompare(b.companyName, 'en', { sensitivity: 'base' }) ||
    a.domain.localeCompare(b.domain, 'en', { sensitivity: 'base' });
}

function normalised(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
