import type { Customer } from '../partnerCenter/schemas/customer';
import { countryName } from './countryName';
import { PurchaseRequestError } from './PurchaseRequestError';
import type { CustomerDetails, CustomerSummary } from './types';

/** The list view of a Partner Center customer. */
export function customerSummaryOf(customer: Customer): CustomerSummary {
  return {
    id: customer.id,
    companyName: customer.companyProfile.companyName,
    domain: customer.companyProfile.domain,
  };
}

/**
 * A customer with its market: the billing address country (the one Partner Center prices and sells in), falling back
 * to the company address, which is all a partner without delegated access may see.
 */
export function customerDetailsOf(customer: Customer): CustomerDetails {
  const country = countryOf(customer.billingProfile?.['defaultAddress']) ?? countryOf(customer.companyProfile.address);
  if (!country) {
    throw new PurchaseRequestError('customer-country-unknown', 'request.countryUnknown', {
      company: customer.companyProfile.companyName,
    });
  }
  return { ...customerSummaryOf(customer), country, countryName: countryName(country) };
}

function countryOf(address: unknown): string | undefined {
  if (typeof address !== 'object' || address === null) return undefined;
  const country = (address as Record<string, unknown>)['country'];
  return typeof country === 'string' && country.trim() !== '' ? country.trim().toUpperCase() : undefined;
}
