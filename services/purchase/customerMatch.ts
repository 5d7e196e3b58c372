import { editDistance, folded, typosAllowed } from './looseWords';
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
 * The one customer whose domain's first label is exactly what was typed (`contoso` → contoso.onmicrosoft.com), when the
 * search found it: a domain is one tenant's own, so it wins over the other customers whose names merely start the same
 * way (Contoso Pharmaceuticals) — a person typing a tenant name has named a tenant.
 */
export function tenantMatchIn(query: string, matches: readonly CustomerSummary[]): CustomerSummary | undefined {
  const tenants = matches.filter((customer) => customerMatchOf(query, customer) === 'tenant');
  return tenants.length === 1 ? tenants[0] : undefined;
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

/**
 * How far what was typed is from a customer, in typos, when case and accents don't count: the fewest edits to its
 * company name's first words (as many as were typed), its whole name, or its domain's tenant name. `undefined` when
 * more typos than a word of that length may carry (see {@link typosAllowed}): not a customer the person can have meant.
 */
export function typosFrom(query: string, customer: CustomerSummary): number | undefined {
  const typed = folded(normalised(query));
  const limit = typosAllowed(typed.replace(/\s/g, '').length);
  const name = folded(normalised(customer.companyName));
  const sameLength = name.split(' ').slice(0, typed.split(' ').length).join(' ');
  const tenant = folded(normalised(customer.domain)).split('.')[0];
  const best = Math.min(
    editDistance(typed, sameLength, limit),
    editDistance(typed, name, limit),
    editDistance(typed.replace(/\s/g, ''), tenant, limit),
  );
  return best <= limit ? best : undefined;
}

/**
 * Orders close matches ("did you mean …") for a pick list: fewest typos first; at equal typos the one whose tenant name
 * is nearest what was typed (`contso` → contoso.onmicrosoft.com before contosopharma), then by company name.
 */
export function byTyposThenName(query: string): (a: CustomerSummary, b: CustomerSummary) => number {
  const tenantTypos = (customer: CustomerSummary) =>
    editDistance(folded(normalised(query)).replace(/\s/g, ''), folded(customer.domain).split('.')[0], 64);
  return (a, b) =>
    (typosFrom(query, a) ?? 99) - (typosFrom(query, b) ?? 99) ||
    tenantTypos(a) - tenantTypos(b) ||
    a.companyName.localeCompare(b.companyName, 'en', { sensitivity: 'base' });
}
