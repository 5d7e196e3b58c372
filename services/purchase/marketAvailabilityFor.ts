import { SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS } from '../partnerCenter/restrictedMarkets';
import type { CustomerDetails, MarketAvailability, PurchaseCategory } from './types';

const CATEGORIES: readonly PurchaseCategory[] = ['software-subscriptions', 'perpetual-software', 'azure-reservations'];

// Perpetual software has no market list: Partner Center checks the partner's qualification when the cart is created.
const RESTRICTED_BY_MARKET: Readonly<Partial<Record<PurchaseCategory, string>>> = {
  'software-subscriptions': 'Software subscriptions',
  'azure-reservations': 'Azure reservations',
};

/** Which purchase categories can be offered to a customer, given the market of its billing address. */
export function marketAvailabilityFor(customer: CustomerDetails): MarketAvailability {
  const restricted = SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS.has(customer.country.toUpperCase());
  const availability: MarketAvailability = { available: [], unavailable: [] };
  for (const category of CATEGORIES) {
    const label = RESTRICTED_BY_MARKET[category];
    if (restricted && label) {
      availability.unavailable.push({
        category,
        reason: `${label} can't be bought for customers in ${customer.countryName}.`,
      });
    } else {
      availability.available.push(category);
    }
  }
  return availability;
}
