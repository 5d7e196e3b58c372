import { SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS } from '../../services/partnerCenter/restrictedMarkets';

/**
 * Whether software subscriptions and Azure reservations are not sold to customers in this Partner Center country
 * (MARKETS.md). The list is contract data shared with the bot, so the simulator and the bot can never disagree.
 */
export function isRestrictedMarket(country: string): boolean {
  return SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS.has(country.toUpperCase());
}
