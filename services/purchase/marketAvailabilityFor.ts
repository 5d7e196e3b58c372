import { SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS } from '../partnerCenter/restrictedMarkets';
import type { CustomerDetails, MarketAvailability, PurchaseCategory } from './types';
import { textFor, type MessageKey } from '../../i18n/text';

const CATEGORIES: readonly PurchaseCategory[] = ['software-subscriptions', 'perpetual-software', 'azure-reservations'];

// Perpetual software has no market list: Partner Center checks the partner's qualification when the cart is created.
const RESTRICTED_BY_MARKET: Readonly<Partial<Record<PurchaseCategory, MessageKey>>> = {
  'software-subscriptions': 'market.softwareSubscriptionsNotSold',
  'azure-reservations': 'market.azureReservationsNotSold',
};

/** Which purchase categories can be offered to a customer, given the market of its billing address. */
export function marketAvailabilityFor(customer: CustomerDetails): MarketAvailability {
  const restricted = SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS.has(customer.country.toUpperCase());
  const availability: MarketAvailability = { available: [], unavailable: [] };
  for (const category of CATEGORIES) {
    const key = RESTRICTED_BY_MARKET[category];
    if (restricted && key) {
      const values = { country: customer.countryName };
      availability.unavailable.push({ category, key, values, reason: textFor('en-US')(key, values) });
    } else {
      availability.available.push(category);
    }
  }
  return availability;
}
