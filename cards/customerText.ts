import { safeForMarkdown } from './untrustedText';

/** The customer facts every order card names, so the user can see whose tenant is being billed. */
export interface CardCustomer {
  companyName: string;
  domain: string;
  countryName: string;
}

/**
 * One line naming a customer unambiguously: company, primary domain and country, as card markdown (each value comes
 * from Partner Center, so each is neutralised and bounded).
 */
export function customerText(customer: CardCustomer): string {
  return `${safeForMarkdown(customer.companyName, 'name')} (${safeForMarkdown(customer.domain, 'domain')}), ${safeForMarkdown(customer.countryName, 'name')}`;
}

/** The company name alone, as card markdown. */
export function companyText(customer: CardCustomer): string {
  return safeForMarkdown(customer.companyName, 'name');
}
