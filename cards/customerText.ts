/** The customer facts every order card names, so the user can see whose tenant is being billed. */
export interface CardCustomer {
  companyName: string;
  domain: string;
  countryName: string;
}

/** One line naming a customer unambiguously: company, primary domain and country. */
export function customerText(customer: CardCustomer): string {
  return `${customer.companyName} (${customer.domain}), ${customer.countryName}`;
}
